using System.Text.Json.Nodes;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>Writes the parts of an OpenAPI 3.1 document the way the NL API Design Rules ask for them.</summary>
internal sealed class OpenApiBuilder
{
    public const string VersionHeader = "API-Version";
    public const string ProblemResponse = "Probleem";

    private static readonly Dictionary<int, string> Reasons = new()
    {
        [400] = "Het verzoek klopt niet (invalidParams wijst de plaats aan met een JSON Pointer).",
        [401] = "De aanroeper is niet bekend: geen of een onbekend certificaat of token.",
        [403] = "De aanroeper mag dit niet.",
        [404] = "Niet gevonden.",
        [413] = "Het verzoek is te groot.",
        [415] = "Het verzoek heeft een mediatype dat hier niet wordt aangenomen.",
        [429] = "Te veel verzoeken; Retry-After zegt wanneer het weer kan.",
        [503] = "Tijdelijk niet beschikbaar; Retry-After zegt wanneer het weer kan.",
    };

    public JsonObject Paths { get; } = [];

    public JsonObject Schemas { get; } = [];

    /// <summary>Adds <paramref name="operation"/> as <paramref name="method"/> of <paramref name="path"/>.</summary>
    public void Add(string path, string method, JsonObject operation)
    {
        if (Paths[path] is not JsonObject item)
        {
            item = [];
            Paths[path] = item;
        }

        item[method] = operation;
    }

    public static JsonObject Operation(string id, string tag, string summary, string description) => new()
    {
        ["tags"] = new JsonArray(tag),
        ["operationId"] = id,
        ["summary"] = summary,
        ["description"] = description,
        ["responses"] = new JsonObject(),
    };

    public static JsonObject Query(string name, JsonObject schema, string description) =>
        new() { ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = schema };

    public static JsonObject PathParameter(string name, string description) =>
        new() { ["name"] = name, ["in"] = "path", ["required"] = true, ["description"] = description, ["schema"] = Js.Text() };

    /// <summary>A media type object: <paramref name="schema"/>, and <paramref name="examples"/> when there are any.</summary>
    public static JsonObject Media(JsonObject schema, JsonObject? examples = null)
    {
        var media = new JsonObject { ["schema"] = schema };
        if (examples is { Count: > 0 })
        {
            media["examples"] = examples;
        }

        return media;
    }

    /// <summary>A <c>content</c> object of one media type.</summary>
    public static JsonObject Content(string mediaType, JsonObject schema, JsonObject? examples = null) =>
        new() { [mediaType] = Media(schema, examples) };

    /// <summary>A successful answer: every one carries the interface's version in <c>API-Version</c>.</summary>
    public static JsonObject Success(string description, JsonObject? content = null, JsonObject? headers = null)
    {
        var all = new JsonObject { [VersionHeader] = Js.Ref("#/components/headers/" + VersionHeader) };
        foreach (var (name, header) in headers ?? [])
        {
            all[name] = header!.DeepClone();
        }

        var response = new JsonObject { ["description"] = description, ["headers"] = all };
        if (content is not null)
        {
            response["content"] = content;
        }

        return response;
    }

    /// <summary>Adds the problem answers <paramref name="statuses"/> (application/problem+json) to <paramref name="operation"/>.</summary>
    public static JsonObject Problems(JsonObject operation, params int[] statuses)
    {
        var responses = operation["responses"]!.AsObject();
        foreach (var status in statuses)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = Reasons[status],
                ["headers"] = new JsonObject { [VersionHeader] = Js.Ref("#/components/headers/" + VersionHeader) },
                ["content"] = Content("application/problem+json", Js.Component(ProblemResponse)),
            };
        }

        return operation;
    }

    /// <summary>The parts every document shares: the version header and the problem (RFC 9457) with the standard's codes.</summary>
    public JsonObject Components(JsonObject? securitySchemes = null)
    {
        Schemas[ProblemResponse] = Js.Object(
            "Een probleem (RFC 9457). code is de code van de standaard (VR-...); invalidParams wijst elke fout aan met een JSON Pointer.",
            ("type", Js.Text("uri-reference", "Het soort probleem.")),
            ("*title", Js.Text("Korte omschrijving, gelijk voor elk probleem van dit soort.")),
            ("*status", new JsonObject { ["type"] = "integer", ["minimum"] = 400, ["maximum"] = 599, ["description"] = "De HTTP-status." }),
            ("*detail", Js.Text("Wat er bij dit verzoek misging.")),
            ("instance", Js.Text("uri-reference", "Dit voorval.")),
            ("code", Js.Text("De code van de standaard, zoals VR-TRANS-001.")),
            ("invalidParams", Js.List(Js.Object(null,
                ("*name", Js.Text("JSON Pointer naar de plaats van de fout.")),
                ("code", Js.Text("De code van de regel die niet werd gehaald.")),
                ("*reason", Js.Text("Waarom.")))))) ;
        var components = new JsonObject
        {
            ["headers"] = new JsonObject
            {
                [VersionHeader] = new JsonObject
                {
                    ["description"] = "De volledige versie van de interface (semver).",
                    ["required"] = true,
                    ["schema"] = Js.Text(),
                },
            },
            ["schemas"] = new JsonObject([.. Schemas.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => KeyValuePair.Create(s.Key, s.Value?.DeepClone()))]),
        };
        if (securitySchemes is not null)
        {
            components["securitySchemes"] = securitySchemes;
        }

        return components;
    }
}
