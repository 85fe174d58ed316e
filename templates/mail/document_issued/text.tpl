Hello {{CONTACT_NAME}},

{{ORG_NAME}} has sent you a {{DOCUMENT_KIND}}: {{DOCUMENT_TITLE}}

View it here: {{VIEW_LINK}}
