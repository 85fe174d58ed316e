{{ORG_NAME}} has sent you a {{DOCUMENT_KIND}}: {{DOCUMENT_TITLE}}
