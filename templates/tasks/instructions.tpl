{{%AUTOESCAPE context="HTML"}}
<div class="instructions">
{{#PARA}}<p>{{TEXT}}</p>
{{/PARA}}</div>
