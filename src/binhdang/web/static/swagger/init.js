// Start Swagger UI on the API's OpenAPI document (an external file, so the CSP needs no inline script).
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui" });
