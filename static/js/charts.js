/* Draws each chart on the page with plotly.js, from the figure the server wrote as JSON
   (<script type="application/json">): no inline script, nothing evaluated. Without
   JavaScript, or if plotly.js fails to load, the summary and the table stay in place.

   plotly.js (about 400 kB compressed, and seconds of work on a phone) is fetched only when
   the first chart with a plot comes on screen, and each is drawn as it comes on screen: a
   reader who stops at the key figures at the top never pays for it. The script tag that
   loads this file names plotly.js's address in data-plotly. */
(function () {
    "use strict";

    var script = document.currentScript;
    var plotlyUrl = script && script.getAttribute("data-plotly");
    var plotlyLoading = null;

    function loadPlotly() {
        if (window.Plotly) {
            return Promise.resolve();
        }
        if (!plotlyLoading) {
            plotlyLoading = new Promise(function (resolve, reject) {
                var tag = document.createElement("script");
                tag.src = plotlyUrl;
                tag.onload = resolve;
                tag.onerror = reject;
                document.head.appendChild(tag);
            });
        }
        return plotlyLoading;
    }

    function draw(container) {
        var source = document.getElementById(container.getAttribute("data-figure"));
        if (!source || !window.Plotly) {
            return;
        }
        var figure = JSON.parse(source.textContent);
        container.hidden = false;
        window.Plotly.newPlot(container, figure.data, figure.layout, {
            displayModeBar: false,
            responsive: true
        }).then(function () {
            container.classList.add("chart__plot--drawn");
            var chart = container.closest(".chart");
            var table = chart && chart.querySelector("details.chart__table");
            if (table) {
                table.open = false; // the numbers stay one click away, under "Table"
            }
        });
    }

    function drawWhenReady(container) {
        loadPlotly().then(function () {
            draw(container);
        }, function () {
            // plotly.js did not load: the summary and the table are the chart.
        });
    }

    var containers = document.querySelectorAll(".chart__plot[data-figure]");
    if (!containers.length || !plotlyUrl) {
        return;
    }
    if (!("IntersectionObserver" in window)) {
        Array.prototype.forEach.call(containers, drawWhenReady);
        return;
    }
    // A plot's container is hidden until drawn, so watch its chart (the <figure>).
    var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (entry.isIntersecting) {
                observer.unobserve(entry.target);
                drawWhenReady(entry.target.querySelector(".chart__plot[data-figure]"));
            }
        });
    });
    Array.prototype.forEach.call(containers, function (container) {
        observer.observe(container.closest(".chart") || container);
    });
}());
