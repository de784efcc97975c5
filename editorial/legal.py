"""The shop's legal pages, English and German, seeded as editable standard pages by seed_demo.

The wording follows the German statutory models (Anlage 1 and 2 zu Art. 246a EGBGB for the withdrawal
policy and the model withdrawal form). Names and addresses are the demo operator's: an operator replaces
them in the Wagtail admin (Pages → Home → the page) before going live.
"""

from __future__ import annotations

SELLER_EN = "Commonmade GmbH, Musterstraße 12, 10115 Berlin, Germany"
SELLER_DE = "Commonmade GmbH, Musterstraße 12, 10115 Berlin, Deutschland"
EMAIL = "shop@commonmade.example"

# slug: (English title, English intro, English body HTML, German title, German intro, German body HTML)
LEGAL_PAGES: dict[str, tuple[str, str, str, str, str, str]] = {
    "terms": (
        "Terms and conditions",
        "The terms for using Commonmade and for buying in its shop.",
        f"""
<h2>1. Scope</h2>
<p>These terms apply to all orders that consumers and businesses place in the Commonmade shop with
{SELLER_EN} ("we"), and to the use of the community (uploading designs, voting, comments).</p>
<h2>2. Contract</h2>
<p>The products in the shop are not a binding offer but an invitation to order. By clicking
"Order and pay" you make a binding offer to buy the goods in your cart. We confirm receipt of the
order by email; the contract is concluded when we accept your order by email or ship the goods,
at the latest with the successful payment. Pre-orders in a campaign are concluded under the
condition that the campaign reaches its goal; otherwise the authorisation on your card is released
and no contract comes about.</p>
<h2>3. Prices and shipping costs</h2>
<p>All prices are in euros. For delivery within Germany they include 19 % VAT. For delivery to another
EU country, the VAT of that country applies (the price is recalculated from the net price and shown
at checkout). For deliveries outside the EU, no German or EU VAT is charged; import duties and taxes of
the destination country are borne by the buyer. Shipping costs are shown on the page
<a href="/shipping/">Shipping and payment</a> and at checkout.</p>
<h2>4. Payment</h2>
<p>You pay by card through our payment provider Stripe. Your card is charged when you pay the order;
for pre-orders it is authorised and charged only if the campaign succeeds.</p>
<h2>5. Delivery</h2>
<p>We deliver to the countries listed at checkout. Delivery times are stated in working days and begin
the day after payment. Made-to-order items are produced after payment.</p>
<h2>6. Retention of title</h2>
<p>The goods remain our property until paid in full.</p>
<h2>7. Right of withdrawal</h2>
<p>Consumers have a right of withdrawal as described in the <a href="/withdrawal/">withdrawal policy</a>.</p>
<h2>8. Warranty</h2>
<p>The statutory warranty rights apply.</p>
<h2>9. Designs and community</h2>
<p>By uploading a design you confirm that you own the rights to it and grant us the right to show it and,
if the community and our editors select it, to produce and sell it for a royalty.</p>
<h2>10. Dispute resolution</h2>
<p>We are neither obliged nor willing to take part in dispute resolution proceedings before a consumer
arbitration board.</p>
<h2>11. Final provisions</h2>
<p>German law applies, excluding the UN Convention on Contracts for the International Sale of Goods.
For consumers this choice of law applies only insofar as it does not withdraw the protection granted by
mandatory provisions of the law of the country of their habitual residence.</p>
""",
        "Allgemeine Geschäftsbedingungen",
        "Die Bedingungen für die Nutzung von Commonmade und für Käufe im Shop.",
        f"""
<h2>1. Geltungsbereich</h2>
<p>Diese AGB gelten für alle Bestellungen, die Verbraucher:innen und Unternehmer:innen im Commonmade-Shop
bei der {SELLER_DE} („wir“) aufgeben, sowie für die Nutzung der Community (Entwürfe hochladen,
abstimmen, kommentieren).</p>
<h2>2. Vertragsschluss</h2>
<p>Die Darstellung der Produkte im Shop ist kein bindendes Angebot, sondern eine Aufforderung zur
Bestellung. Mit dem Klick auf „Zahlungspflichtig bestellen“ gibst du ein verbindliches Angebot zum Kauf
der Waren in deinem Warenkorb ab. Wir bestätigen den Eingang der Bestellung per E-Mail; der Vertrag kommt
zustande, wenn wir die Bestellung per E-Mail annehmen oder die Ware versenden, spätestens mit der
erfolgreichen Zahlung. Vorbestellungen in einer Kampagne stehen unter der Bedingung, dass die Kampagne ihr
Ziel erreicht; andernfalls wird die Reservierung auf deiner Karte freigegeben und es kommt kein Vertrag
zustande.</p>
<h2>3. Preise und Versandkosten</h2>
<p>Alle Preise sind in Euro angegeben. Bei Lieferung innerhalb Deutschlands enthalten sie 19 % Umsatzsteuer.
Bei Lieferung in ein anderes EU-Land gilt die Umsatzsteuer dieses Landes (der Preis wird aus dem
Nettopreis neu berechnet und an der Kasse angezeigt). Bei Lieferungen außerhalb der EU wird keine deutsche
oder EU-Umsatzsteuer berechnet; Einfuhrabgaben des Ziellandes trägt die Käuferin bzw. der Käufer. Die
Versandkosten stehen auf der Seite <a href="/de/shipping/">Versand und Zahlung</a> und an der Kasse.</p>
<h2>4. Zahlung</h2>
<p>Du bezahlst per Karte über unseren Zahlungsdienstleister Stripe. Die Karte wird bei Bezahlung der
Bestellung belastet; bei Vorbestellungen wird der Betrag reserviert und nur belastet, wenn die Kampagne
erfolgreich ist.</p>
<h2>5. Lieferung</h2>
<p>Wir liefern in die an der Kasse angebotenen Länder. Lieferzeiten sind in Werktagen angegeben und
beginnen am Tag nach der Zahlung. Auf Bestellung gefertigte Artikel werden nach der Zahlung produziert.</p>
<h2>6. Eigentumsvorbehalt</h2>
<p>Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum.</p>
<h2>7. Widerrufsrecht</h2>
<p>Verbraucher:innen haben ein Widerrufsrecht nach Maßgabe der <a href="/de/withdrawal/">Widerrufsbelehrung</a>.</p>
<h2>8. Gewährleistung</h2>
<p>Es gelten die gesetzlichen Mängelhaftungsrechte.</p>
<h2>9. Entwürfe und Community</h2>
<p>Mit dem Hochladen eines Entwurfs bestätigst du, dass du die Rechte daran besitzt, und räumst uns das Recht
ein, ihn zu zeigen und – wenn Community und Redaktion ihn auswählen – gegen eine Lizenzgebühr zu
produzieren und zu verkaufen.</p>
<h2>10. Streitbeilegung</h2>
<p>Wir sind nicht verpflichtet und nicht bereit, an Streitbeilegungsverfahren vor einer
Verbraucherschlichtungsstelle teilzunehmen.</p>
<h2>11. Schlussbestimmungen</h2>
<p>Es gilt deutsches Recht unter Ausschluss des UN-Kaufrechts. Bei Verbraucher:innen gilt diese Rechtswahl
nur, soweit dadurch nicht der Schutz zwingender Bestimmungen des Rechts des Staates ihres gewöhnlichen
Aufenthalts entzogen wird.</p>
""",
    ),
    "withdrawal": (
        "Withdrawal policy",
        "Your 14-day right of withdrawal, and the model withdrawal form.",
        f"""
<h2>Right of withdrawal</h2>
<p>You have the right to withdraw from this contract within fourteen days without giving any reason.</p>
<p>The withdrawal period will expire after fourteen days from the day on which you acquire, or a third
party other than the carrier and indicated by you acquires, physical possession of the goods. If you
ordered several goods in one order that are delivered separately, from the day on which you or that
third party acquire physical possession of the last good.</p>
<p>To exercise the right of withdrawal, you must inform us ({SELLER_EN}, email: {EMAIL}) of your decision
to withdraw from this contract by an unequivocal statement (e.g. a letter sent by post or an email). You
may use the model withdrawal form below, but it is not obligatory. You can also request the return from
your order page.</p>
<p>To meet the withdrawal deadline, it is sufficient for you to send your communication concerning your
exercise of the right of withdrawal before the withdrawal period has expired.</p>
<h2>Effects of withdrawal</h2>
<p>If you withdraw from this contract, we shall reimburse to you all payments received from you,
including the costs of delivery (with the exception of the supplementary costs resulting from your choice
of a type of delivery other than the least expensive type of standard delivery offered by us), without
undue delay and in any event not later than fourteen days from the day on which we are informed about
your decision to withdraw from this contract. We will carry out such reimbursement using the same means
of payment as you used for the initial transaction, unless you have expressly agreed otherwise; in any
event, you will not incur any fees as a result of such reimbursement. We may withhold reimbursement until
we have received the goods back or you have supplied evidence of having sent back the goods, whichever
is the earliest.</p>
<p>You shall send back the goods to us without undue delay and in any event not later than fourteen days
from the day on which you communicate your withdrawal from this contract. The deadline is met if you send
back the goods before the period of fourteen days has expired. You will have to bear the direct cost of
returning the goods. You are only liable for any diminished value of the goods resulting from the
handling other than what is necessary to establish the nature, characteristics and functioning of the
goods.</p>
<h2>Exclusion</h2>
<p>The right of withdrawal does not apply to goods that are made to the consumer's specifications or
clearly personalised.</p>
<h2>Model withdrawal form</h2>
<p>(Complete and return this form only if you wish to withdraw from the contract.)</p>
<p>To {SELLER_EN}, email: {EMAIL}:</p>
<p>I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following
goods (*)/for the provision of the following service (*),</p>
<p>— Ordered on (*)/received on (*)<br>— Name of consumer(s)<br>— Address of consumer(s)<br>
— Signature of consumer(s) (only if this form is notified on paper)<br>— Date</p>
<p>(*) Delete as appropriate.</p>
""",
        "Widerrufsbelehrung",
        "Dein 14-tägiges Widerrufsrecht und das Muster-Widerrufsformular.",
        f"""
<h2>Widerrufsrecht</h2>
<p>Du hast das Recht, binnen vierzehn Tagen ohne Angabe von Gründen diesen Vertrag zu widerrufen.</p>
<p>Die Widerrufsfrist beträgt vierzehn Tage ab dem Tag, an dem du oder ein von dir benannter Dritter, der
nicht der Beförderer ist, die Waren in Besitz genommen hast bzw. hat. Hast du mehrere Waren im Rahmen einer
einheitlichen Bestellung bestellt, die getrennt geliefert werden, ab dem Tag, an dem du oder ein von dir
benannter Dritter die letzte Ware in Besitz genommen hast bzw. hat.</p>
<p>Um dein Widerrufsrecht auszuüben, musst du uns ({SELLER_DE}, E-Mail: {EMAIL}) mittels einer eindeutigen
Erklärung (z. B. ein mit der Post versandter Brief oder eine E-Mail) über deinen Entschluss, diesen Vertrag
zu widerrufen, informieren. Du kannst dafür das beigefügte Muster-Widerrufsformular verwenden, das jedoch
nicht vorgeschrieben ist. Du kannst die Rücksendung auch auf deiner Bestellseite anfordern.</p>
<p>Zur Wahrung der Widerrufsfrist reicht es aus, dass du die Mitteilung über die Ausübung des
Widerrufsrechts vor Ablauf der Widerrufsfrist absendest.</p>
<h2>Folgen des Widerrufs</h2>
<p>Wenn du diesen Vertrag widerrufst, haben wir dir alle Zahlungen, die wir von dir erhalten haben,
einschließlich der Lieferkosten (mit Ausnahme der zusätzlichen Kosten, die sich daraus ergeben, dass du
eine andere Art der Lieferung als die von uns angebotene, günstigste Standardlieferung gewählt hast),
unverzüglich und spätestens binnen vierzehn Tagen ab dem Tag zurückzuzahlen, an dem die Mitteilung über
deinen Widerruf dieses Vertrags bei uns eingegangen ist. Für diese Rückzahlung verwenden wir dasselbe
Zahlungsmittel, das du bei der ursprünglichen Transaktion eingesetzt hast, es sei denn, mit dir wurde
ausdrücklich etwas anderes vereinbart; in keinem Fall werden dir wegen dieser Rückzahlung Entgelte
berechnet. Wir können die Rückzahlung verweigern, bis wir die Waren wieder zurückerhalten haben oder bis
du den Nachweis erbracht hast, dass du die Waren zurückgesandt hast, je nachdem, welches der frühere
Zeitpunkt ist.</p>
<p>Du hast die Waren unverzüglich und in jedem Fall spätestens binnen vierzehn Tagen ab dem Tag, an dem du
uns über den Widerruf dieses Vertrags unterrichtest, an uns zurückzusenden oder zu übergeben. Die Frist ist
gewahrt, wenn du die Waren vor Ablauf der Frist von vierzehn Tagen absendest. Du trägst die unmittelbaren
Kosten der Rücksendung der Waren. Du musst für einen etwaigen Wertverlust der Waren nur aufkommen, wenn
dieser Wertverlust auf einen zur Prüfung der Beschaffenheit, Eigenschaften und Funktionsweise der Waren
nicht notwendigen Umgang mit ihnen zurückzuführen ist.</p>
<h2>Ausschluss</h2>
<p>Das Widerrufsrecht besteht nicht bei Waren, die nach Kundenspezifikation angefertigt oder eindeutig auf
die persönlichen Bedürfnisse zugeschnitten sind.</p>
<h2>Muster-Widerrufsformular</h2>
<p>(Wenn du den Vertrag widerrufen willst, dann fülle bitte dieses Formular aus und sende es zurück.)</p>
<p>An {SELLER_DE}, E-Mail: {EMAIL}:</p>
<p>Hiermit widerrufe(n) ich/wir (*) den von mir/uns (*) abgeschlossenen Vertrag über den Kauf der folgenden
Waren (*)/die Erbringung der folgenden Dienstleistung (*)</p>
<p>— Bestellt am (*)/erhalten am (*)<br>— Name des/der Verbraucher(s)<br>— Anschrift des/der
Verbraucher(s)<br>— Unterschrift des/der Verbraucher(s) (nur bei Mitteilung auf Papier)<br>— Datum</p>
<p>(*) Unzutreffendes streichen.</p>
""",
    ),
    "shipping": (
        "Shipping and payment",
        "Where we deliver, what it costs, how long it takes, and how you pay.",
        """
<h2>Shipping costs and delivery times</h2>
<p>Shipping costs depend on the destination and the products. The first item pays the full rate, each
further item a small extra. The exact costs and the delivery estimate for your address are shown at
checkout before you order.</p>
<ul>
<li><b>Germany</b>: standard (DHL) from 4.90 €, posters 5.90 €, 2–4 working days; free from 60 € of goods.
Express (DHL Express) 12.90 €, 1–2 working days.</li>
<li><b>European Union</b>: 8.90 €, posters 10.90 €, 4–8 working days; free from 100 € of goods.</li>
<li><b>Switzerland, United Kingdom, Norway, Iceland, Liechtenstein</b>: 14.90 €, posters 16.90 €,
5–10 working days.</li>
<li><b>United States, Canada, Australia, New Zealand, Japan</b>: 19.90 €, posters 22.90 €,
7–15 working days.</li>
</ul>
<p>Amounts are for delivery within Germany; for other countries they follow the same VAT rule as the
prices (below). Delivery times start the day after payment.</p>
<h2>VAT</h2>
<p>Prices include German VAT (19 %). For delivery to another EU country we charge that country's VAT
instead: the price is recalculated from the net price. Deliveries outside the EU are free of VAT;
import duties and taxes of the destination country may be charged on delivery.</p>
<h2>Payment</h2>
<p>You pay by card (Visa, Mastercard, American Express) through Stripe. Pre-orders are authorised on your
card and charged only if the campaign reaches its goal. You can pay an unpaid order later from the link
in your order email or from your account.</p>
""",
        "Versand und Zahlung",
        "Wohin wir liefern, was es kostet, wie lange es dauert und wie du bezahlst.",
        """
<h2>Versandkosten und Lieferzeiten</h2>
<p>Die Versandkosten hängen vom Zielland und den Produkten ab. Der erste Artikel kostet den vollen Satz,
jeder weitere einen kleinen Aufschlag. Die genauen Kosten und die voraussichtliche Lieferzeit für deine
Adresse siehst du an der Kasse, bevor du bestellst.</p>
<ul>
<li><b>Deutschland</b>: Standard (DHL) ab 4,90 €, Poster 5,90 €, 2–4 Werktage; versandkostenfrei ab 60 €
Warenwert. Express (DHL Express) 12,90 €, 1–2 Werktage.</li>
<li><b>Europäische Union</b>: 8,90 €, Poster 10,90 €, 4–8 Werktage; versandkostenfrei ab 100 € Warenwert.</li>
<li><b>Schweiz, Vereinigtes Königreich, Norwegen, Island, Liechtenstein</b>: 14,90 €, Poster 16,90 €,
5–10 Werktage.</li>
<li><b>USA, Kanada, Australien, Neuseeland, Japan</b>: 19,90 €, Poster 22,90 €, 7–15 Werktage.</li>
</ul>
<p>Die Beträge gelten für Lieferungen innerhalb Deutschlands; für andere Länder gilt dieselbe
Umsatzsteuerregel wie für die Preise (siehe unten). Lieferzeiten beginnen am Tag nach der Zahlung.</p>
<h2>Umsatzsteuer</h2>
<p>Die Preise enthalten 19 % deutsche Umsatzsteuer. Bei Lieferung in ein anderes EU-Land berechnen wir
stattdessen die Umsatzsteuer dieses Landes: Der Preis wird aus dem Nettopreis neu berechnet. Lieferungen
außerhalb der EU sind umsatzsteuerfrei; Einfuhrabgaben des Ziellandes können bei der Zustellung anfallen.</p>
<h2>Zahlung</h2>
<p>Du bezahlst per Karte (Visa, Mastercard, American Express) über Stripe. Vorbestellungen werden auf deiner
Karte reserviert und nur belastet, wenn die Kampagne ihr Ziel erreicht. Eine offene Bestellung kannst du
später über den Link in deiner Bestell-E-Mail oder in deinem Konto bezahlen.</p>
""",
    ),
    "imprint": (
        "Imprint",
        "Information according to § 5 DDG (German Digital Services Act).",
        f"""
<p>{SELLER_EN}</p>
<p>Managing director: Alex Beispiel<br>Commercial register: Amtsgericht Berlin-Charlottenburg, HRB 000000
(demo)<br>VAT ID: DE000000000 (demo)</p>
<p>Contact: {EMAIL}, +49 30 0000000</p>
<p>Responsible for content according to § 18 (2) MStV: Alex Beispiel, address as above.</p>
<p>The European Commission provides a platform for online dispute resolution; we do not take part in
dispute resolution proceedings before a consumer arbitration board.</p>
""",
        "Impressum",
        "Angaben gemäß § 5 DDG.",
        f"""
<p>{SELLER_DE}</p>
<p>Geschäftsführung: Alex Beispiel<br>Handelsregister: Amtsgericht Berlin-Charlottenburg, HRB 000000 (Demo)
<br>USt-IdNr.: DE000000000 (Demo)</p>
<p>Kontakt: {EMAIL}, +49 30 0000000</p>
<p>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV: Alex Beispiel, Anschrift wie oben.</p>
<p>Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor einer
Verbraucherschlichtungsstelle teilzunehmen.</p>
""",
    ),
    "privacy": (
        "Privacy policy",
        "What we store, why, for how long, and your rights (GDPR).",
        f"""
<h2>Controller</h2>
<p>{SELLER_EN}, {EMAIL}.</p>
<h2>What we process and why</h2>
<ul>
<li><b>Account and community</b> (email, handle, designs, votes, comments): to run the community
(Art. 6 (1) (b) GDPR).</li>
<li><b>Orders</b> (name, delivery address, email, items, payment status): to fulfil the contract
(Art. 6 (1) (b) GDPR) and to meet tax and commercial retention duties of up to ten years
(Art. 6 (1) (c) GDPR).</li>
<li><b>Payments</b> are processed by Stripe Payments Europe Ltd.; card data goes straight to Stripe,
never to us.</li>
<li><b>Shipping</b>: we pass name and address (and a phone number if you give one) to the carrier.</li>
<li><b>Server logs and cookies</b>: only technically necessary cookies (session, language, cart,
security); no tracking and no third-party scripts except Stripe on the payment page.</li>
</ul>
<h2>Your rights</h2>
<p>You have the right to access, rectification, erasure, restriction, data portability and objection,
and the right to lodge a complaint with a supervisory authority. Members can export and delete their data
in their account settings.</p>
""",
        "Datenschutzerklärung",
        "Was wir speichern, warum, wie lange, und deine Rechte (DSGVO).",
        f"""
<h2>Verantwortliche Stelle</h2>
<p>{SELLER_DE}, {EMAIL}.</p>
<h2>Was wir verarbeiten und warum</h2>
<ul>
<li><b>Konto und Community</b> (E-Mail, Handle, Entwürfe, Stimmen, Kommentare): für den Betrieb der
Community (Art. 6 Abs. 1 lit. b DSGVO).</li>
<li><b>Bestellungen</b> (Name, Lieferadresse, E-Mail, Artikel, Zahlungsstatus): zur Vertragserfüllung
(Art. 6 Abs. 1 lit. b DSGVO) und für steuer- und handelsrechtliche Aufbewahrungspflichten von bis zu zehn
Jahren (Art. 6 Abs. 1 lit. c DSGVO).</li>
<li><b>Zahlungen</b> wickelt Stripe Payments Europe Ltd. ab; Kartendaten gehen direkt an Stripe, nie an
uns.</li>
<li><b>Versand</b>: Wir geben Name und Adresse (und, falls angegeben, eine Telefonnummer) an das
Versandunternehmen weiter.</li>
<li><b>Server-Logs und Cookies</b>: nur technisch notwendige Cookies (Sitzung, Sprache, Warenkorb,
Sicherheit); kein Tracking und keine Skripte Dritter außer Stripe auf der Zahlungsseite.</li>
</ul>
<h2>Deine Rechte</h2>
<p>Du hast das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung, Datenübertragbarkeit und
Widerspruch sowie das Recht auf Beschwerde bei einer Aufsichtsbehörde. Mitglieder können ihre Daten in den
Kontoeinstellungen exportieren und löschen.</p>
""",
    ),
}
