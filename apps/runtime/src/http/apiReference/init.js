// Renders /openapi.json with Swagger UI. A file of its own: the page's CSP allows no inline script.
/* global SwaggerUIBundle */
SwaggerUIBundle({
  url: new URL('../openapi.json', window.location.href).href,
  dom_id: '#api-reference',
  deepLinking: true,
  // No call to the public validator service: the document is linted in the contract's tests.
  validatorUrl: null,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
});
