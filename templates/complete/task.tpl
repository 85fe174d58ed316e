{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
{{>INSTRUCTIONS}}
{{>TASK_FORM}}
