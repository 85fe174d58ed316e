Hello {{CONTACT_NAME}},

{{ORG_NAME}} has given you a new task: {{TASK_TITLE}}

Open it in the portal: {{TASK_LINK}}
