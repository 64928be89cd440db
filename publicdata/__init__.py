"""Published datasets: releases, downloads, the data API and charts."""
