"""The demo's about, FAQ, privacy, terms and imprint pages: real text in English and German (rich text HTML)."""

from __future__ import annotations

PAGE_BODIES: dict[str, tuple[str, str]] = {
    "about": (
        "<h2>What Commonmade is</h2>"
        "<p>Commonmade is a marketplace where the community decides what gets made. Makers upload designs, "
        "members vote on them and say whether they would buy them, and the designs the crowd chooses become "
        "products: shirts, posters, mugs, stickers and more.</p>"
        "<h2>How a design becomes a product</h2>"
        "<ol><li>A maker uploads a design, on its own or as an entry to a challenge.</li>"
        "<li>Our editors check every upload before it is published.</li>"
        "<li>The community votes from 0 to 5 and ticks “I'd buy it”.</li>"
        "<li>The editors pick the winners from the scores, the would-buy counts and the comments.</li>"
        "<li>The design goes on sale, and its maker earns a royalty on every item sold.</li></ol>"
        "<h2>Who we are</h2>"
        "<p>A small team of editors, printers and developers who think the people who buy things should have "
        "a say in what is made, and the people who design them should be paid fairly.</p>",
        "<h2>Was Commonmade ist</h2>"
        "<p>Commonmade ist ein Marktplatz, auf dem die Community entscheidet, was hergestellt wird. "
        "Gestalter:innen laden Entwürfe hoch, Mitglieder stimmen ab und sagen, ob sie kaufen würden, und die "
        "gewählten Entwürfe werden zu Produkten: Shirts, Poster, Tassen, Sticker und mehr.</p>"
        "<h2>Wie aus einem Entwurf ein Produkt wird</h2>"
        "<ol><li>Eine Gestalterin lädt einen Entwurf hoch, einzeln oder als Beitrag zu einer Challenge.</li>"
        "<li>Unsere Redaktion prüft jeden Upload, bevor er erscheint.</li>"
        "<li>Die Community vergibt 0 bis 5 Punkte und kreuzt „Würde ich kaufen“ an.</li>"
        "<li>Die Redaktion wählt die Gewinner nach Punkten, Kaufinteresse und Kommentaren.</li>"
        "<li>Der Entwurf kommt in den Shop, und die Gestalterin erhält für jedes verkaufte Stück eine "
        "Lizenzgebühr.</li></ol>"
        "<h2>Wer wir sind</h2>"
        "<p>Ein kleines Team aus Redaktion, Druckerei und Entwicklung. Wir finden: Wer kauft, soll mitreden, "
        "was hergestellt wird, und wer gestaltet, soll fair bezahlt werden.</p>",
    ),
    "faq": (
        "<h2>How does voting work?</h2>"
        "<p>Every member with a confirmed email address scores a design from 0 to 5 and can say “I'd buy it”. "
        'The crowd score combines both on a scale from 0 to 100. The page <a href="/how-voting-works/">How '
        "voting works</a> explains the numbers.</p>"
        "<h2>How do I take part in a challenge?</h2>"
        '<p>Open <a href="/challenges/">Challenges</a>, read the brief and use “Submit a design for this '
        "challenge”. Designs you have already uploaded can be entered from the challenge page or from the "
        "design's own page.</p>"
        "<h2>When is my order shipped?</h2>"
        "<p>Items in stock leave within three working days; made-to-order items within ten. Pre-orders ship once "
        "the campaign reaches its goal; if it does not, your card is never charged.</p>"
        "<h2>Can I return an item?</h2>"
        "<p>Yes: within 14 days of delivery, without giving a reason. Start the return from your order page.</p>"
        "<h2>How are makers paid?</h2>"
        "<p>Makers earn a share of every sale of their design, paid monthly to their connected account.</p>",
        "<h2>Wie funktioniert die Abstimmung?</h2>"
        "<p>Jedes Mitglied mit bestätigter E-Mail-Adresse bewertet einen Entwurf mit 0 bis 5 Punkten und kann "
        "„Würde ich kaufen“ angeben. Der Community-Score fasst beides auf einer Skala von 0 bis 100 zusammen. "
        'Die Seite <a href="/de/how-voting-works/">So funktioniert die Abstimmung</a> erklärt die Zahlen.</p>'
        "<h2>Wie nehme ich an einer Challenge teil?</h2>"
        '<p>Öffne <a href="/de/challenges/">Challenges</a>, lies die Aufgabe und wähle „Einen Entwurf für '
        "diese Challenge einreichen“. Bereits hochgeladene Entwürfe reichst du auf der Challenge-Seite oder "
        "auf der Seite des Entwurfs ein.</p>"
        "<h2>Wann wird meine Bestellung verschickt?</h2>"
        "<p>Lagerware verlässt uns innerhalb von drei Werktagen, Einzelanfertigungen innerhalb von zehn. "
        "Vorbestellungen werden verschickt, sobald die Kampagne ihr Ziel erreicht; sonst wird deine Karte nie "
        "belastet.</p>"
        "<h2>Kann ich etwas zurückgeben?</h2>"
        "<p>Ja: innerhalb von 14 Tagen nach der Lieferung, ohne Angabe von Gründen. Starte die Rücksendung auf "
        "deiner Bestellseite.</p>"
        "<h2>Wie werden Gestalter:innen bezahlt?</h2>"
        "<p>Sie erhalten einen Anteil an jedem Verkauf ihres Entwurfs, monatlich auf ihr verbundenes Konto.</p>",
    ),
    "privacy": (
        "<h2>What we store</h2>"
        "<p>Your account (email address, handle, password hash), what you publish (designs, comments, reviews), "
        "your votes, and your orders with the delivery address. Payment card details never reach us: the "
        "payment provider handles them.</p>"
        "<h2>Why</h2>"
        "<p>To run the site: to count your votes, show your comments, deliver your orders and pay makers. We do "
        "not sell data, and the site loads no third-party scripts, fonts or trackers.</p>"
        "<h2>How long</h2>"
        "<p>Orders and invoices are kept as long as tax law requires (ten years in Germany). Everything else is "
        "deleted when you delete your account.</p>"
        "<h2>Your rights</h2>"
        "<p>You can download your data and delete your account from your account page at any time, and you "
        "can ask us to correct or restrict what we store. Write to privacy@commonmade.example.</p>",
        "<h2>Was wir speichern</h2>"
        "<p>Dein Konto (E-Mail-Adresse, Name, Passwort-Hash), was du veröffentlichst (Entwürfe, Kommentare, "
        "Bewertungen), deine Stimmen und deine Bestellungen mit Lieferadresse. Kartendaten erreichen uns nie: "
        "Der Zahlungsdienstleister verarbeitet sie.</p>"
        "<h2>Wozu</h2>"
        "<p>Für den Betrieb: um deine Stimmen zu zählen, deine Kommentare zu zeigen, Bestellungen zu liefern und "
        "Gestalter:innen zu bezahlen. Wir verkaufen keine Daten, und die Seite lädt keine Skripte, Schriften "
        "oder Tracker von Dritten.</p>"
        "<h2>Wie lange</h2>"
        "<p>Bestellungen und Rechnungen bewahren wir so lange auf, wie das Steuerrecht es verlangt (in "
        "Deutschland zehn Jahre). Alles andere wird gelöscht, wenn du dein Konto löschst.</p>"
        "<h2>Deine Rechte</h2>"
        "<p>Du kannst deine Daten jederzeit auf deiner Kontoseite herunterladen und dein Konto löschen, und du "
        "kannst uns bitten, Gespeichertes zu berichtigen oder einzuschränken. Schreib an "
        "privacy@commonmade.example.</p>",
    ),
    "terms": (
        "<h2>Your designs</h2>"
        "<p>By uploading a design you confirm that you made it or own the rights to it. You keep the rights; "
        "you allow us to show the design on the site and, if it is chosen, to produce and sell it for a royalty "
        "agreed on the product page.</p>"
        "<h2>Votes and comments</h2>"
        "<p>One vote per member and design. Voting rings and bought votes are held back and can lead to a "
        "suspension. Be kind in comments; the moderators remove what breaks these rules and say why in the "
        "public moderation log.</p>"
        "<h2>Buying</h2>"
        "<p>Prices include VAT. Shipping costs are shown before you pay. Pre-orders are charged only if the "
        "campaign reaches its goal. You may withdraw from a purchase within 14 days of delivery.</p>",
        "<h2>Deine Entwürfe</h2>"
        "<p>Mit dem Hochladen bestätigst du, dass du den Entwurf geschaffen hast oder die Rechte daran besitzt. "
        "Die Rechte bleiben bei dir; du erlaubst uns, den Entwurf auf der Seite zu zeigen und ihn, wenn er "
        "gewählt wird, gegen die auf der Produktseite genannte Lizenzgebühr herzustellen und zu verkaufen.</p>"
        "<h2>Stimmen und Kommentare</h2>"
        "<p>Eine Stimme pro Mitglied und Entwurf. Abstimmungsringe und gekaufte Stimmen werden zurückgehalten "
        "und können zu einer Sperre führen. Bleib freundlich in Kommentaren; die Moderation entfernt, was "
        "gegen diese Regeln verstößt, und begründet es im öffentlichen Moderationsprotokoll.</p>"
        "<h2>Kaufen</h2>"
        "<p>Preise enthalten die Mehrwertsteuer. Versandkosten siehst du vor dem Bezahlen. Vorbestellungen "
        "werden nur belastet, wenn die Kampagne ihr Ziel erreicht. Du kannst innerhalb von 14 Tagen nach der "
        "Lieferung vom Kauf zurücktreten.</p>",
    ),
    "imprint": (
        "<p>Commonmade (demo)<br>Musterstraße 1<br>10115 Berlin<br>Germany</p>"
        "<p>Email: hello@commonmade.example</p>"
        "<p>Responsible for content: the Commonmade editorial team, address as above.</p>",
        "<p>Commonmade (Demo)<br>Musterstraße 1<br>10115 Berlin<br>Deutschland</p>"
        "<p>E-Mail: hello@commonmade.example</p>"
        "<p>Verantwortlich für den Inhalt: die Commonmade-Redaktion, Anschrift wie oben.</p>",
    ),
}
