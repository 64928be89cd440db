/* Draws each chart on the page with plotly.js, from the figure the server wrote as JSON
   (<script type="application/json">): no inline script, nothing evaluated. Without
   JavaScript, or if plotly.js fails to load, the summary and the table stay in place. */
(function () {
    "use strict";

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

    var containers = document.querySelectorAll(".chart__plot[data-figure]");
    for (var i = 0; i < containers.length; i += 1) {
        draw(containers[i]);
    }
}());
