"""What the site keeps so that it need not build a page again, and when it must
(docs/deploy.md, "Caching and CDN")."""
