/* The series picker under a chart with many series (publicdata/series.py). Without
   JavaScript it is a form that reloads the page with the choice; with it, each tick shows
   or hides its series in the chart and its table at once, points the chart's downloads at
   the same view and keeps the choice in the address, so a shared link opens the same
   view. At least one series stays ticked. Loaded only on pages with a picker. */
(function () {
    "use strict";

    function chooseSeries(form, changed) {
        var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
        if (!boxes.some(function (box) { return box.checked; })) {
            changed.checked = true;
        }
        var shown = boxes.map(function (box) { return box.checked; });
        var keys = boxes.filter(function (box) { return box.checked; }).map(function (box) {
            return box.value;
        });
        var whole = keys.length === boxes.length;
        var chart = form.closest(".chart");
        var plot = chart.querySelector(".chart__plot[data-figure]");
        var source = plot && document.getElementById(plot.getAttribute("data-figure"));
        if (source) {
            // A chart not drawn yet is drawn with the choice (static/js/charts.js).
            var figure = JSON.parse(source.textContent);
            figure.data.forEach(function (trace, index) { trace.visible = shown[index]; });
            source.textContent = JSON.stringify(figure);
        }
        if (plot && plot.classList.contains("chart__plot--drawn") && window.Plotly) {
            window.Plotly.restyle(plot, {visible: shown});
        }
        chart.querySelectorAll("[data-series]").forEach(function (cell) {
            cell.hidden = keys.indexOf(cell.getAttribute("data-series")) < 0;
        });
        var query = whole ? "" : "?" + keys.map(function (key) {
            return "series=" + encodeURIComponent(key);
        }).join("&");
        chart.querySelectorAll("[data-series-link]").forEach(function (link) {
            link.href = link.getAttribute("data-series-link") + query;
        });
        var address = new URL(window.location.href);
        address.searchParams.delete(boxes[0].name);
        if (!whole) {
            keys.forEach(function (key) { address.searchParams.append(boxes[0].name, key); });
        }
        window.history.replaceState(null, "", address);
    }

    document.querySelectorAll("form[data-series-form]").forEach(function (form) {
        form.querySelector("button[type=submit]").hidden = true;
        form.addEventListener("change", function (event) {
            chooseSeries(form, event.target);
        });
    });
}());
