{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · {{ORG_NAME}}</title>
<link rel="stylesheet" href="/static/portico.css">
<link rel="stylesheet" href="/org.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <span class="org">{{ORG_NAME}}</span>
  {{#SIGN_OUT}}
  <form class="signout" method="post" action="/logout">
    <span class="person">{{PERSON}}</span>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit">Sign out</button>
  </form>
  {{/SIGN_OUT}}
</header>
{{#NAV}}
<nav class="tabs" aria-label="Portal">
  <ul>
  {{#TAB}}<li class="tab-{{TAB_ID}}"><a href="{{TAB_HREF}}"{{#TAB_ACTIVE}} aria-current="page"{{/TAB_ACTIVE}}>{{TAB_LABEL}}</a></li>
  {{/TAB}}
  </ul>
</nav>
{{/NAV}}
<main id="main">
{{>BODY}}
</main>
</body>
</html>
