{#- The site's scripts in one file, one request: rendered by MkDocs as a static
    template (theme.static_templates in mkdocs.yml) from the modules in overrides/js/.
    page.js comes first: the others use it. -#}
{% include "js/page.js" %}
{% include "js/labels.js" %}
{% include "js/timeline.js" %}
{% include "js/asof.js" %}
{% include "js/network.js" %}
{% include "js/search.js" %}
