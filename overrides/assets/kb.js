{#- The scripts every page may use, in one file, one request: rendered by MkDocs as a
    static template (theme.static_templates in mkdocs.yml) from overrides/js/, where
    page.js comes first: the others use it. search.js, network.js, timeline.js and
    notfound.js are published as js/*.js and loaded by lazy.js only when a reader
    searches or the page has the network drawing, the timeline's filters or the 404
    page's search box: an entity page's first visit gets none of them. Served minified (the filter minify_js, which scripts/mkdocs_hook.py
    gives the templates): readable here, small for every first visit. A build without
    the hook (make bench's bare MkDocs floor) has no such filter, and serves them as
    they are. -#}
{% set scripts -%}
{% include "js/page.js" %}
{% include "js/asof.js" %}
{% include "js/cite.js" %}
{% include "js/lazy.js" %}
{%- endset %}
{{- scripts | minify_js if "minify_js" is filter else scripts }}
