// The API documentation page (Swagger UI). "Try it out" runs as the logged-in user: the session cookie
// goes along by itself, the CSRF token must be added to writes. validatorUrl: null keeps the page from
// calling an outside host.
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: node.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    presets: [SwaggerUIBundle.presets.apis],
    validatorUrl: null,
    requestInterceptor: function (request) {
      request.headers["X-CSRFToken"] = node.dataset.csrfToken;
      return request;
    },
  });
})();
