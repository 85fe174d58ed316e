{{%AUTOESCAPE context="HTML"}}
{{#HAS_SWITCHER}}
<nav class="switcher" aria-label="Your applications">
  <ul>
  {{#SWITCH}}<li id="switch-{{APP_ID}}"><a href="/applications/{{APP_ID}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{PROCESS_NAME}} · {{CREATED_AT}}</a></li>
  {{/SWITCH}}
  </ul>
</nav>
{{/HAS_SWITCHER}}
<h1 id="application-{{APP_ID}}">{{PROCESS_NAME}}</h1>
<p class="hint">{{PORTAL_TITLE}} · started {{CREATED_AT}} · <span class="state-{{APP_STATE_CLASS}}">{{APP_STATE}}</span> · {{STEPS_DONE}} of {{STEPS}} steps done</p>
<ol class="steps">
{{#STEP}}<li class="step step-{{STEP_STATE_CLASS}}" id="step-{{STEP_NO}}">
  <a href="/tasks/{{TASK_ID}}">{{STEP_TITLE}}</a> <span class="state">{{STEP_STATE}}</span>{{#DONE}} <span class="hint">{{COMPLETED_AT}}</span>{{/DONE}}
</li>
{{/STEP}}
</ol>
<p><a href="/applications">All your applications</a></p>
