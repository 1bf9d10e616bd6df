using System.Text.Json.Nodes;
using static Vr.Standaarden.Koppelvlakken.OpenApiBuilder;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>The operations of the knooppunt interface, with the schemas of its answers.</summary>
internal static class KnooppuntInterface
{
    public const string Tag = "knooppunt";

    private static readonly string[] Tlp = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

    private static string Relative(string route) => route[KnooppuntRoutes.Base.Length..];

    public static void Describe(OpenApiBuilder api, ReleaseFacts release)
    {
        AddSchemas(api, release);
        var moment = Query("tijdstip", Js.Moment(), "Het beeld zoals het op dit moment was (RFC 3339 met tijdzone); zonder: nu.");

        var receive = Operation("berichtenOntvangen", Tag, "Berichten ontvangen",
            "De CloudEvents HTTP binding: één bericht (structured of binary) of een batch. Elk bericht wordt gecontroleerd " +
            "(handtekening, schema van de release, deelbeleid) voordat het in het beeld komt; wat al eerder is aangenomen, telt één keer.");
        receive["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject
            {
                ["application/cloudevents+json"] = Media(Js.Ref(release.Bericht), release.Examples("bericht")),
                ["application/cloudevents-batch+json"] = Media(Js.List(Js.Ref(release.Bericht))),
                ["application/json"] = Media(Js.Object("Binary mode: de data van het bericht; de attributen staan in de ce-*-headers.")),
            },
        };
        var responses = receive["responses"]!.AsObject();
        responses["201"] = Success("Aangenomen.", Content("application/json", Js.Component("Ontvangstbewijs")));
        responses["200"] = Success("Al eerder aangenomen (één bericht), of de uitkomst per bericht (batch).",
            Content("application/json", new JsonObject { ["anyOf"] = new JsonArray(Js.Component("Ontvangstbewijs"), Js.Component("Batchresultaat")) }));
        api.Add(Relative(KnooppuntRoutes.Berichten), "post", Problems(receive, 400, 401, 403, 413, 415, 429, 503));

        var handshake = Operation("webhookHandshake", Tag, "Webhook-handdruk",
            "CloudEvents webhook abuse protection: een afzender vraagt of hij mag bezorgen.");
        handshake["parameters"] = new JsonArray(new JsonObject
        {
            ["name"] = "WebHook-Request-Origin", ["in"] = "header", ["required"] = false, ["description"] = "Wie wil bezorgen.", ["schema"] = Js.Text(),
        });
        handshake["responses"]!["200"] = Success("Bezorgen is toegestaan (WebHook-Allowed-Origin).");
        handshake["responses"]!["204"] = Success("Zonder WebHook-Request-Origin: de toegestane methoden (Allow).");
        api.Add(Relative(KnooppuntRoutes.Berichten), "options", Problems(handshake, 403));

        var picture = Operation("situatiebeeldOpvragen", Tag, "Het situatiebeeld",
            "De incidenten met hun hoofdvelden en de andere entiteiten, nu of op een moment, zoals het deelbeleid ze de aanroeper laat zien.");
        picture["parameters"] = new JsonArray(moment.DeepClone());
        picture["responses"]!["200"] = Success("Het beeld.", Content("application/json", Js.Component("Situatiebeeld")));
        api.Add(Relative(KnooppuntRoutes.Situatiebeeld), "get", Problems(picture, 400, 401, 403, 429));

        var geo = Operation("situatiebeeldGeoJson", Tag, "Het situatiebeeld als GeoJSON",
            "Incidenten en de andere entiteiten met een plaats als FeatureCollection (WGS 84).");
        geo["parameters"] = new JsonArray(moment.DeepClone());
        geo["responses"]!["200"] = Success("De FeatureCollection.", Content("application/geo+json", Js.Component("FeatureCollection")));
        api.Add(Relative(KnooppuntRoutes.SituatiebeeldGeoJson), "get", Problems(geo, 400, 401, 403, 429));

        var stream = Operation("situatiebeeldStroom", Tag, "Wijzigingen van het beeld",
            "Server-sent events: één wijziging per verwerkte batch (event: wijziging, data: de berichten die het beeld veranderden).");
        stream["responses"]!["200"] = Success("De stroom.", Content("text/event-stream", Js.Text()));
        api.Add(Relative(KnooppuntRoutes.SituatiebeeldStroom), "get", Problems(stream, 401, 403, 429));

        var incident = Operation("incidentOpvragen", Tag, "Eén incident",
            "De velden van een incident met de herkomst van elk veld, de open tegenstrijdigheden en de opgeloste.");
        incident["parameters"] = new JsonArray(PathParameter("id", "De identificatie van het incident."), moment.DeepClone());
        incident["responses"]!["200"] = Success("Het incident.", Content("application/json", Js.Component("Incident")));
        api.Add(Relative(KnooppuntRoutes.Incident), "get", Problems(incident, 400, 401, 403, 404, 429));

        var sources = Operation("bronnenOpvragen", Tag, "De bronnen van het beeld",
            "Per bron: het laatste bericht, het verklaarde interval, of zij actueel is (niet langer stil dan haar interval), hoeveel berichten, hoeveel met een gecontroleerde handtekening, in hoeveel open tegenstrijdigheden zij staat, en de volledigheid (het aandeel aanbevolen velden).");
        sources["parameters"] = new JsonArray(moment.DeepClone());
        sources["responses"]!["200"] = Success("De bronnen.", Content("application/json", Js.List(Js.Component("Bron"))));
        api.Add(Relative(KnooppuntRoutes.Bronnen), "get", Problems(sources, 400, 401, 403, 429));

        var health = Operation("gezondheidOpvragen", Tag, "De gezondheid van het knooppunt",
            "ok, of degraded met redenen zolang het register niet kan worden geschreven of berichten in quarantaine staan.");
        health["responses"]!["200"] = Success("De toestand.", Content("application/json", Js.Component("Gezondheid")));
        api.Add(Relative(KnooppuntRoutes.Gezondheid), "get", Problems(health, 403, 429));

        var processing = Operation("verwerkingenOpvragen", Tag, "Het verwerkingenlog",
            "Elke verwerking van persoonsgegevens, in een hash-keten; voor de privacyfunctionaris.");
        processing["parameters"] = new JsonArray(
            Query("van", Js.Moment(), "Vanaf dit moment (RFC 3339)."),
            Query("tot", Js.Moment(), "Tot dit moment (RFC 3339)."));
        processing["responses"]!["200"] = Success("De verwerkingen.", Content("application/json", Js.Component("Verwerkingen")));
        api.Add(Relative(KnooppuntRoutes.Verwerkingen), "get", Problems(processing, 400, 401, 403, 429));

        var session = Operation("sessieOpvragen", Tag, "Wie de aanroeper is",
            "De organisatie en de persoon zoals het knooppunt ze kent, en het antivervalsingstoken voor wijzigingen vanuit de browser.");
        session["responses"]!["200"] = Success("De sessie.", Content("application/json", Js.Component("Sessie")));
        api.Add(Relative(KnooppuntRoutes.Sessie), "get", Problems(session, 401, 403, 429));

        var grants = Operation("doorbrakenOpvragen", Tag, "Actieve doorbraken",
            "De doorbraken die de aanroeper betreffen; de voorzitter en de privacyfunctionaris zien ze alle.");
        grants["responses"]!["200"] = Success("De doorbraken.", Content("application/json",
            Js.Object(null, ("*doorbraken", Js.List(Js.Component("Doorbraak"))))));
        api.Add(Relative(KnooppuntRoutes.Doorbraken), "get", Problems(grants, 401, 403, 429));

        var grant = Operation("doorbraakVerlenen", Tag, "Een doorbraak verlenen",
            "De voorzitter opent gegevens tijdelijk (ten hoogste 72 uur) voor afnemers, met een doel en een reden.");
        grant["requestBody"] = new JsonObject { ["required"] = true, ["content"] = Content("application/json", Js.Component("DoorbraakVerzoek")) };
        grant["responses"]!["201"] = Success("Verleend.", Content("application/json", Js.Component("Doorbraak")),
            new JsonObject { ["Location"] = new JsonObject { ["description"] = "De doorbraak.", ["schema"] = Js.Text() } });
        api.Add(Relative(KnooppuntRoutes.Doorbraken), "post", Problems(grant, 400, 401, 403, 413, 415, 429));

        var report = Operation("doorbraakVerslag", Tag, "Het verslag van een doorbraak",
            "De doorbraak en elke lezing eronder; voor de voorzitter en de privacyfunctionaris.");
        report["parameters"] = new JsonArray(PathParameter("id", "De identificatie van de doorbraak."));
        report["responses"]!["200"] = Success("Het verslag.", Content("application/json", Js.Component("DoorbraakVerslag")));
        api.Add(Relative(KnooppuntRoutes.Doorbraak), "get", Problems(report, 400, 401, 403, 404, 429));

        var contract = Operation("openapiOpvragen", Tag, "Dit document", "Het OpenAPI-document van dit knooppunt, gemaakt uit de release.");
        contract["responses"]!["200"] = Success("Het document.", Content("application/json", Js.Object("OpenAPI 3.1.")));
        api.Add(Relative(KnooppuntRoutes.OpenApi), "get", contract);
    }

    private static void AddSchemas(OpenApiBuilder api, ReleaseFacts release)
    {
        var s = api.Schemas;
        s["Herkomst"] = Js.Object("Waar een waarde vandaan komt.",
            ("*bron", Js.Text("De source van het bericht.")),
            ("*bericht", Js.Text("De id van het bericht.")),
            ("*tijdstip", Js.Moment("De time van het bericht.")),
            ("totstandkoming", Js.Object("Hoe de waarde tot stand kwam, als het bericht dat zegt (totstandkoming, vanaf 1.2).",
                ("*soort", Js.OneOf(["waarneming", "invoer", "berekening", "ai"])), ("model", Js.NullableText()), ("versie", Js.NullableText()),
                ("beoordeeld", Js.NullableText("De uitkomst van de beoordeling door een mens, of null.")))));
        s["Ontvangstbewijs"] = Js.Object("De uitkomst van één bericht.",
            ("source", Js.NullableText()), ("id", Js.NullableText()),
            ("*status", Js.OneOf(["geaccepteerd", "dubbel"])));
        s["Batchresultaat"] = Js.Object("De uitkomst per bericht van een batch, in volgorde.",
            ("*resultaten", Js.List(Js.Object(null,
                ("*index", Js.Whole()), ("source", Js.NullableText()), ("id", Js.NullableText()),
                ("*status", Js.OneOf(["geaccepteerd", "dubbel", "geweigerd"])),
                ("problemen", Js.List(Js.Object(null, ("*code", Js.Text()), ("*locatie", Js.Text("JSON Pointer.")), ("*reden", Js.Text()))))))));
        s["Situatiebeeld"] = Js.Object("Het beeld.",
            ("*tijdstip", Js.Moment("Het moment van het beeld.")),
            ("*bronnen", Js.Whole("Het aantal bronnen.")),
            ("*incidenten", Js.List(Js.Object(null,
                ("*id", Js.Text()),
                ("grip", Js.Any("Het GRIP-niveau (codelijst grip-niveau).")),
                ("classificatie", Js.Any()), ("fase", Js.Any()), ("veiligheidsregio", Js.Any()),
                ("disciplines", Js.Any("De disciplines (codelijst discipline).")),
                ("locatie", Js.Any("De omschrijving van de plaats.")),
                ("*bronnen", Js.Whole()), ("*tegenstrijdigheden", Js.Whole()),
                ("*tegenstrijdigeVelden", Js.List(Js.Text())),
                ("*opgelost", Js.Whole()), ("*terugmeldingen", Js.Whole("Open terugmeldingen op velden van het incident.")),
                ("*algoritmischeVelden", Js.List(Js.Text(), "Velden waarvan de huidige waarde, of een waarde in een open tegenstrijdigheid, berekend of door AI voorspeld is.")),
                ("*kwaliteit", Js.Component("Kwaliteit")),
                ("*bijgewerkt", Js.Moment())))),
            ("*entiteiten", Js.List(Js.Object(null,
                ("*entiteit", Js.OneOf(release.Entities)), ("*id", Js.Text()), ("tlp", Js.OneOf(Tlp)),
                ("*herkomst", Js.Component("Herkomst")), ("prioriteit", Js.Any()), ("locatie", Js.Any())))),
            ("*betrouwbaarheid", Js.List(Js.Component("Betrouwbaarheid"), "Per bron, op volgorde van naam.")));
        s["Betrouwbaarheid"] = Js.Object("Hoe betrouwbaar een bron in het beeld is.",
            ("*bron", Js.Text("De source van haar berichten.")),
            ("*incidenten", Js.Whole("Incidenten waarover zij berichtte.")),
            ("*tegenstrijdig", Js.Whole("Daarvan: incidenten met een open tegenstrijdigheid waarin een waarde van haar staat.")),
            ("*tegenstrijdigheid", Js.Share("tegenstrijdig gedeeld door incidenten, of null.")),
            ("*terugmeldingen", Js.Whole("Open terugmeldingen op velden van haar berichten.")));
        s["Tegenstrijdigheid"] = Js.Object("Bronnen die het over een veld oneens zijn.",
            ("*veld", Js.Text()), ("*reden", Js.Text()),
            ("*waarden", Js.List(Js.Object(null, ("waarde", Js.Any()), ("*herkomst", Js.Component("Herkomst"))))),
            ("besluit", Js.Component("Besluitwaarde")));
        s["Besluitwaarde"] = Js.Object("Het besluit dat een waarde vaststelde.",
            ("*id", Js.Text()), ("team", Js.NullableText()), ("waarde", Js.Any()), ("*herkomst", Js.Component("Herkomst")));
        s["Incident"] = Js.Object("Eén incident uit alle bronnen.",
            ("*id", Js.Text()),
            ("*velden", Js.Object($"De velden zoals het beeld ze nu houdt (zie {release.Id("incident")}).")),
            ("*herkomst", Js.Map(Js.Component("Herkomst"), "Per veld: waar de waarde vandaan komt.")),
            ("*bronnen", Js.List(Js.Text())),
            ("*tegenstrijdigheden", Js.List(Js.Component("Tegenstrijdigheid"))),
            ("*opgelost", Js.List(Js.Component("Tegenstrijdigheid"))),
            ("terzijde", Js.List(Js.Object(null, ("*veld", Js.Text()), ("*reden", Js.Text()), ("*besluit", Js.Component("Besluitwaarde"))))),
            ("terugmeldingen", Js.List(Js.Component("OpenTerugmelding"))));
        s["Bron"] = Js.Object("Eén bron van het beeld en wat het knooppunt van haar weet.",
            ("*bron", Js.Text("De source van haar berichten.")),
            ("*laatste", Js.Moment("De time van haar nieuwste bericht.")),
            ("*interval", Js.NullableText("Het interval dat haar nieuwste bericht verklaart (kwaliteit.interval, ISO 8601), anders dat van haar organisatie in het afnemersregister, of null.")),
            ("*actueel", Js.Flag("Of zij niet langer zweeg dan haar interval; zonder interval true.")),
            ("*berichten", Js.Whole()), ("*geverifieerd", Js.Whole("Berichten met een handtekening die het knooppunt controleerde.")),
            ("*tegenstrijdig", Js.Whole("Open tegenstrijdigheden waarin een waarde van haar staat.")),
            ("*volledigheid", Js.Share("Het gemiddelde aandeel aanbevolen velden (aanbevolen in het schema) in haar berichten, of null.")));
        s["Kwaliteit"] = Js.Object("De kwaliteit van een incident uit die van zijn bronnen.",
            ("*actueel", Js.Flag("Of elke bron van het incident actueel is.")),
            ("*volledigheid", Js.Share("Het gemiddelde van de volledigheid van zijn bronnen, of null.")),
            ("*geverifieerd", Js.Share("Het aandeel gecontroleerde berichten van zijn bronnen, of null.")),
            ("*tegenstrijdig", Js.Whole("Open tegenstrijdigheden van het incident.")),
            ("*terugmeldingen", Js.Whole("Open terugmeldingen op het incident.")));
        s["OpenTerugmelding"] = Js.Object("Een terugmelding op een veld die de bronhouder nog niet afhandelde.",
            ("*id", Js.Text()), ("*veld", Js.Text("Het veld van het incident.")), ("*pointer", Js.Text("Het betwijfelde veld in de data van het bericht (JSON Pointer).")),
            ("*bericht", Js.Object("Het betwijfelde bericht.", ("*bron", Js.Text()), ("*id", Js.Text()))),
            ("*status", Js.OneOf(["INGEDIEND", "IN_ONDERZOEK"])),
            ("melder", Js.NullableText()), ("bronhouder", Js.NullableText()), ("reden", Js.NullableText()),
            ("*herkomst", Js.Component("Herkomst")));
        s["FeatureCollection"] = Js.Object("GeoJSON (RFC 7946).",
            ("*type", Js.OneOf(["FeatureCollection"])),
            ("*features", Js.List(Js.Object(null,
                ("*type", Js.OneOf(["Feature"])), ("*geometry", Js.Any()), ("*properties", Js.Object(null, ("entiteit", Js.Text()), ("id", Js.Text())))))));
        s["Gezondheid"] = Js.Object("De toestand van het knooppunt. Een onbekende aanroeper ziet alleen status.",
            ("*status", Js.OneOf(["ok", "degraded"])),
            ("redenen", Js.List(Js.Text())),
            ("quarantaine", Js.List(Js.Object(null, ("*volgnummer", Js.Whole()), ("source", Js.NullableText()), ("id", Js.NullableText()), ("*reden", Js.Text()), ("*sinds", Js.Moment())))),
            ("naam", Js.Text()),
            ("toegang", Js.OneOf(["open — alleen lokaal", "beveiligd"])),
            ("berichten", Js.Whole()), ("incidenten", Js.Whole()),
            ("handtekeningen", Js.OneOf(["gecontroleerd", "niet gecontroleerd"])),
            ("eerste", Js.NullableMoment()), ("laatste", Js.NullableMoment()),
            ("regiogrenzen", Js.Flag()),
            ("regio", Js.NullableText("De veiligheidsregio van een regionaal knooppunt; null voor het landelijke.")));
        s["Verwerkingen"] = Js.Object("Het verwerkingenlog.",
            ("*keten", Js.Object(null, ("*intact", Js.Flag()), ("*records", Js.Whole()), ("laatste", Js.NullableText()), ("probleem", Js.NullableText()))),
            ("*verwerkingen", Js.List(Js.Object("Eén verwerking."))));
        s["Sessie"] = Js.Object("Wie de aanroeper is.",
            ("*toegang", Js.OneOf(["open — alleen lokaal", "beveiligd"])),
            ("afnemer", Js.Oin()), ("naam", Js.NullableText()), ("persoon", Js.NullableText()),
            ("rollen", Js.List(Js.Text())), ("magVerlenen", Js.Flag()), ("privacyfunctionaris", Js.Flag()),
            ("antivervalsing", Js.Object(null, ("*kop", Js.Text()), ("*token", Js.Text()))));
        s["DoorbraakVerzoek"] = Js.Object("Wat de voorzitter opent.",
            ("*afnemers", Js.List(Js.Oin())), ("bronnen", Js.List(Js.Oin())), ("entiteiten", Js.List(Js.OneOf(release.Entities))),
            ("*doel", Js.Text()), ("persoonsgegevens", Js.List(Js.OneOf(["gewoon", "bijzonder", "strafrechtelijk"]))),
            ("*uren", new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0, ["maximum"] = 72 }),
            ("*reden", Js.Text()));
        s["Doorbraak"] = Js.Object("Een verleende doorbraak.",
            ("*id", Js.Text()), ("*afnemers", Js.List(Js.Oin())), ("bronnen", Js.List(Js.Oin())), ("entiteiten", Js.List(Js.Text())),
            ("*doel", Js.Text()), ("persoonsgegevens", Js.List(Js.OneOf(["gewoon", "bijzonder", "strafrechtelijk"]))),
            ("*vanaf", Js.Moment()), ("*tot", Js.Moment()), ("*reden", Js.Text()),
            ("*verleendDoor", Js.Text()), ("*organisatie", Js.Oin()), ("actief", Js.Flag()));
        var report = Js.Object("Een doorbraak met elke lezing eronder.", ("*verslag", Js.List(Js.Object("Eén record van het verwerkingenlog."))));
        s["DoorbraakVerslag"] = new JsonObject { ["allOf"] = new JsonArray(Js.Component("Doorbraak"), report) };
    }
}
