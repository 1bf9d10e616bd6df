using System.Text.Json.Nodes;
using static Vr.Standaarden.Koppelvlakken.OpenApiBuilder;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>
/// The operations a bronhouder offers so that data can stay at the source: an entity by id, the entities of an
/// incident, the changes since a moment (each as the bronhouder's signed message), and receiving a terugmelding.
/// </summary>
internal static class BronhouderInterface
{
    public const string Tag = "bronhouder";

    /// <summary>The routes relative to the bronhouder's base URL (which ends in <c>/v1</c>).</summary>
    public const string Entity = "/entiteiten/{entiteit}/{id}";
    public const string IncidentEntities = "/incidenten/{id}/entiteiten";
    public const string Changes = "/wijzigingen";
    public const string Terugmeldingen = "/terugmeldingen";
    public const string Terugmelding = "/terugmeldingen/{id}";

    public static void Describe(OpenApiBuilder api, ReleaseFacts release, ContractOptions options)
    {
        var servers = new JsonArray(new JsonObject { ["url"] = options.BronhouderUrl.ToString().TrimEnd('/'), ["description"] = "De bronhouder (voorbeeld)." });
        var batch = Content("application/cloudevents-batch+json", Js.List(Js.Ref(release.Bericht)));

        var entity = Operation("entiteitOpvragen", Tag, "Eén entiteit bij de bron",
            "De entiteit zoals de bron haar nu kent, als het ondertekende bericht van de bron (herkomst en handtekening reizen mee).");
        entity["parameters"] = new JsonArray(
            new JsonObject { ["name"] = "entiteit", ["in"] = "path", ["required"] = true, ["description"] = "De soort entiteit.", ["schema"] = Js.OneOf(release.Entities) },
            PathParameter("id", "De identificatie van de entiteit."));
        entity["responses"]!["200"] = Success("Het bericht met de entiteit.", Content("application/cloudevents+json", Js.Ref(release.Bericht), release.Examples("bericht")));
        Add(api, Entity, "get", Problems(entity, 400, 401, 403, 404, 429), servers);

        var incident = Operation("incidentEntiteitenOpvragen", Tag, "De entiteiten van een incident bij de bron",
            "Alle entiteiten die de bron bij het incident houdt (meldingen, eenheden, besluiten, ...), elk als bericht van de bron.");
        incident["parameters"] = new JsonArray(PathParameter("id", "De identificatie van het incident."));
        incident["responses"]!["200"] = Success("De berichten.", batch.DeepClone().AsObject());
        Add(api, IncidentEntities, "get", Problems(incident, 400, 401, 403, 404, 429), servers);

        var changes = Operation("wijzigingenOpvragen", Tag, "Wijzigingen sinds een moment",
            "De berichten van de bron met time na sinds, oudste eerst; zo haalt een afnemer bij wat hij miste.");
        changes["parameters"] = new JsonArray(
            Query("sinds", Js.Moment(), "Het moment (RFC 3339 met tijdzone) waarna de wijzigingen komen."),
            Query("entiteit", Js.OneOf(release.Entities), "Alleen deze soort entiteit."),
            Query("maximum", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1000, ["default"] = 100 }, "Ten hoogste zoveel berichten."));
        changes["responses"]!["200"] = Success("De berichten.", batch.DeepClone().AsObject());
        Add(api, Changes, "get", Problems(changes, 400, 401, 403, 429), servers);

        var report = Operation("terugmeldingOntvangen", Tag, "Een terugmelding ontvangen",
            "Een afnemer die gerede twijfel heeft aan een gegeven van de bron, meldt dat terug: als bericht van het type " +
            $"{ReleaseFacts.MessageType("terugmelding")}, of als de terugmelding zelf ({release.Id("terugmelding")}). " +
            "De bron houdt de behandeling bij en antwoordt met het verbeterde bericht (causationid: de terugmelding).");
        report["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject
            {
                ["application/cloudevents+json"] = Media(Js.Ref(release.Bericht)),
                ["application/json"] = Media(Js.Ref(release.Id("terugmelding")), release.Examples("terugmelding")),
            },
        };
        report["responses"]!["201"] = Success("Ontvangen.", Content("application/json", Js.Component("Terugmeldingsstand")),
            new JsonObject { ["Location"] = new JsonObject { ["description"] = "De terugmelding.", ["schema"] = Js.Text() } });
        report["responses"]!["200"] = Success("Al eerder ontvangen.", Content("application/json", Js.Component("Terugmeldingsstand")));
        Add(api, Terugmeldingen, "post", Problems(report, 400, 401, 403, 413, 415, 429), servers);

        var state = Operation("terugmeldingOpvragen", Tag, "De stand van een terugmelding",
            "Hoe ver de bron is met de terugmelding, en met welk bericht zij het gegeven verbeterde.");
        state["parameters"] = new JsonArray(PathParameter("id", "De identificatie van de terugmelding."));
        state["responses"]!["200"] = Success("De stand.", Content("application/json", Js.Component("Terugmeldingsstand")));
        Add(api, Terugmelding, "get", Problems(state, 400, 401, 403, 404, 429), servers);

        api.Schemas["Terugmeldingsstand"] = Js.Object("De behandeling van een terugmelding bij de bron.",
            ("*id", Js.Text("De identificatie van de terugmelding.")),
            ("*status", Js.Ref(release.Release.CodeList("terugmeldingstatus").Id!)),
            ("bericht", Js.Text("De id van het bericht waarover getwijfeld wordt.")),
            ("veld", Js.Text("JSON Pointer naar het gegeven in dat bericht.")),
            ("*bijgewerkt", Js.Moment()),
            ("antwoord", Js.NullableText("De id van het bericht dat het gegeven verbeterde (zijn causationid is de terugmelding).")));
    }

    private static void Add(OpenApiBuilder api, string path, string method, JsonObject operation, JsonArray servers)
    {
        api.Add(path, method, operation);
        api.Paths[path]!["servers"] ??= servers.DeepClone();
    }
}
