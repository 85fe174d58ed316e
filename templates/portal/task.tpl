{{%AUTOESCAPE context="HTML"}}
{{#NOT_IN_APPLICATION}}<p class="back"><a href="/">All tasks</a></p>{{/NOT_IN_APPLICATION}}
{{#IN_APPLICATION}}<p class="back"><a href="/applications/{{APPLICATION_ID}}">Back to your application</a></p>{{/IN_APPLICATION}}
<h1>{{TASK_TITLE}}</h1>
<dl class="facts">
  <dt>Type</dt><dd>{{TYPE}}</dd>
  <dt>State</dt><dd class="state">{{STATE}}</dd>
  <dt>Assigned to</dt><dd>{{ASSIGNED}}</dd>
  {{#DUE}}<dt>Due</dt><dd>{{DUE_AT}}</dd>{{/DUE}}
  {{#TAKEN}}<dt>In charge</dt><dd class="taken-by">{{TAKEN_BY}}</dd>{{/TAKEN}}
  {{#DONE}}<dt>Completed</dt><dd>{{COMPLETED_AT}} by {{COMPLETED_BY}}</dd>{{/DONE}}
</dl>
{{>INSTRUCTIONS}}
{{#NOTICE}}<p class="notice" role="status">{{NOTICE_TEXT}}</p>{{/NOTICE}}
{{#TAKE}}<form method="post" action="/tasks/{{ID}}/take" class="take">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <button type="submit">Take in charge</button>
</form>{{/TAKE}}
{{>TASK_FORM}}
{{#ANSWER}}<section class="answer" aria-labelledby="answer-heading">
  <h2 id="answer-heading">The answer</h2>
  <dl>
  {{#LINE}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
  {{/LINE}}</dl>
</section>{{/ANSWER}}
