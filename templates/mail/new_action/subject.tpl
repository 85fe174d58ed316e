New action: {{TASK_TITLE}}
