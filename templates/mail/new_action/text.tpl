Hello {{CONTACT_NAME}},

{{ORG_NAME}} has asked you to complete: {{TASK_TITLE}}

Action
Complete: {{COMPLETE_LINK}}

The link works until the task is done (at the latest {{EXPIRES}}).
