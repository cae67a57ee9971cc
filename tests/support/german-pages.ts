// German web pages written for this project's import tests (not copied from anywhere): an article with
// headings, a figure with its credit, a quote and a list; a Latin-1 page; a page with no article.

export const ARTICLE_TITLE = 'Die Fähre nach Hiddensee fährt wieder';
export const ARTICLE_CREDIT = 'Foto: Jana Beispiel/Inselbild';
export const ARTICLE_SITE = 'Ostseebote';
export const ARTICLE_BYLINE = 'Von Lena Musterfrau';

const filler = (topic: string) =>
  `Die Menschen auf der Insel sprechen seit Wochen über ${topic}. Viele von ihnen haben lange auf diesen Tag gewartet, und manche glauben erst daran, wenn sie selbst an Bord stehen.`;

/** A UTF-8 article: h1, byline, two h2 headings, a figure with caption and credit, a blockquote, a list. */
export const ARTICLE_PAGE = `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>${ARTICLE_TITLE} | ${ARTICLE_SITE}</title>
  <meta property="og:site_name" content="${ARTICLE_SITE}">
  <meta name="author" content="Lena Musterfrau">
</head>
<body>
  <header class="site-header"><a href="/">Startseite</a> <nav><a href="/politik">Politik</a> <a href="/sport">Sport</a> <a href="/wetter">Wetter</a></nav></header>
  <main>
    <article>
      <h1>${ARTICLE_TITLE}</h1>
      <p class="byline">${ARTICLE_BYLINE}</p>
      <p>Nach drei Monaten Pause legt die Fähre nach Hiddensee am Montag wieder in Schaprode ab. ${filler('die Fähre')}</p>
      <p>Der Hafen wurde im Winter erneuert, die alte Mole war zu schwach für die neuen Schiffe. ${filler('den neuen Hafen')}</p>
      <figure>
        <img src="/bilder/faehre.jpg" alt="Die Fähre im Hafen">
        <figcaption>Die neue Fähre am Anleger in Schaprode. <span class="credit">${ARTICLE_CREDIT}</span></figcaption>
      </figure>
      <h2>Was sich für Fahrgäste ändert</h2>
      <p>Wer mit dem Rad kommt, muss künftig einen Platz reservieren. ${filler('die Reservierung')}</p>
      <ul>
        <li>Die erste Fähre fährt um 7.10 Uhr.</li>
        <li>Fahrräder kosten fünf Euro extra.</li>
        <li>Hunde fahren kostenlos mit.</li>
      </ul>
      <h2>Stimmen vom Anleger</h2>
      <blockquote><p>Endlich können wir wieder ohne Umweg zur Arbeit fahren.</p></blockquote>
      <p>Das sagte eine Pendlerin am Sonntag, als sie die Fahrpläne am Schalter las. ${filler('die Pendler')}</p>
    </article>
  </main>
  <footer><p>© 2026 Ostseebote · Impressum · Datenschutz</p></footer>
  <script>window.tracking = true;</script>
</body>
</html>`;

export const LATIN1_TITLE = 'Grüße aus Köln: Straßenbahn fährt über die Brücke';

/** A page declared as ISO-8859-1 (in a <meta>, and by the server as it chooses); encode with latin1Bytes. */
export const LATIN1_PAGE = `<!doctype html>
<html lang="de"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>${LATIN1_TITLE}</title></head>
<body><article><h1>${LATIN1_TITLE}</h1>
<p>Seit Donnerstag fährt die Straßenbahn wieder über die Brücke. Die Bürgerinnen und Bürger freuen sich über kürzere Wege zur Arbeit und zum Einkaufen.</p>
<p>Während der Bauzeit mussten Fahrgäste große Umwege in Kauf nehmen. Nun ist die Strecke für die nächsten Jahrzehnte gesichert, heißt es aus dem Rathaus.</p>
</article></body></html>`;

/** The page's bytes in Latin-1 (ü, ß, ö as one byte each), as an old server sends them. */
export function latin1Bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** A start page: links and a search form, no article. */
export const NO_ARTICLE_PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Ostseebote – Startseite</title></head>
<body><nav><a href="/politik">Politik</a> <a href="/sport">Sport</a> <a href="/kultur">Kultur</a></nav>
<form action="/suche"><input name="q" placeholder="Suche"><button>Suchen</button></form>
<ul class="teaser"><li><a href="/a1">Fähre</a></li><li><a href="/a2">Wetter</a></li></ul>
</body></html>`;
