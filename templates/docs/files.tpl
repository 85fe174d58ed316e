{{%AUTOESCAPE context="HTML"}}
<h1>Your Files and Documents</h1>
{{#NONE}}<p class="empty">You have no files or documents yet.</p>{{/NONE}}
{{#SOME}}
<table class="documents">
  <thead><tr><th scope="col">Document</th><th scope="col">What</th><th scope="col">Date</th><th scope="col">Size</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
  <tbody>
  {{#DOC}}<tr>
    <td class="title">{{TITLE}}</td><td data-label="What">{{KIND}}</td><td data-label="Date">{{CREATED}}</td><td data-label="Size">{{SIZE}}</td>
    <td>{{#OPENS}}<a href="/files/{{ID}}">Open</a> · {{/OPENS}}<a href="/files/{{ID}}?download=1">Download</a></td>
  </tr>
  {{/DOC}}
  </tbody>
</table>
{{/SOME}}
