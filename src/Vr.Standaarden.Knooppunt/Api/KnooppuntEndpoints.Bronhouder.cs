using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// The bronhouder interface of a node (<see cref="MapBronhouder"/>): the messages it holds, fetched where they are
/// ("data blijft bij de bron"), and the terugmeldingen it receives and handles.
/// </summary>
public static partial class KnooppuntEndpoints
{
    /// <summary>The largest terugmelding <c>POST /v1/terugmeldingen</c> takes: 64 KiB.</summary>
    public const int MaxTerugmeldingBytes = 64 * 1024;

    private const string MessageTypePrefix = "nl.veiligheidsregio.";

    /// <summary>
    /// Maps the bronhouder interface of the contract (<see cref="InterfaceContracts.OpenApi"/>, tag <c>bronhouder</c>) onto
    /// <paramref name="endpoints"/>, served from the node's record:
    /// <list type="bullet">
    /// <item><description><c>GET /v1/wijzigingen[?sinds=&amp;entiteit=&amp;maximum=]</c>: the recorded messages with a <c>time</c> after <c>sinds</c>, oldest first (at most <c>maximum</c>, 100 by default, 1000 at most);</description></item>
    /// <item><description><c>GET /v1/entiteiten/{entiteit}/{id}</c>: the newest message about that entity;</description></item>
    /// <item><description><c>GET /v1/incidenten/{id}/entiteiten</c>: every message about the incident (its own, and those whose <c>subject</c> or <c>correlationid</c> is the incident);</description></item>
    /// <item><description><c>POST /v1/terugmeldingen</c>: a terugmelding (<c>application/json</c>, an entity <c>terugmelding</c> of the newest release), taken in as <c>INGEDIEND</c>; <c>GET /v1/terugmeldingen/{id}</c>: its state.</description></item>
    /// </list>
    /// Every read is decided per caller by the sharing policy as the picture's are (on an open node: loopback only), and
    /// the messages are answered as recorded, so a signature over them still verifies unless the policy minimised them.
    /// </summary>
    public static IEndpointRouteBuilder MapBronhouder(this IEndpointRouteBuilder endpoints, KnooppuntIngest ingest, KnooppuntEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(ingest);
        options ??= new KnooppuntEndpointOptions();
        var apiVersion = options.ApiVersion;
        var access = options.Access;
        var entities = Standard.Releases.SelectMany(r => r.SchemaNames).ToHashSet(StringComparer.Ordinal);

        endpoints.MapGet(KnooppuntRoutes.Base + "/wijzigingen", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (!TryMoment(context, out var since, "sinds"))
            {
                return Problem(context, 400, "Ongeldig tijdstip", "sinds is an RFC 3339 date and time with a time zone.", apiVersion);
            }

            var entity = context.Request.Query["entiteit"].ToString();
            if (entity.Length > 0 && !entities.Contains(entity))
            {
                return Problem(context, 400, "Onbekende entiteit", $"entiteit '{entity}' is no entity of the standard.", apiVersion);
            }

            var maximum = 100;
            var text = context.Request.Query["maximum"].ToString();
            if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maximum) || maximum is < 1 or > 1000))
            {
                return Problem(context, 400, "Ongeldig maximum", "maximum is a whole number from 1 to 1000.", apiVersion);
            }

            if (Open(context, ingest, access, apiVersion, out var refusal) is not { } reader)
            {
                return refusal;
            }

            var recorded = Parsed(ingest.Log.Since(since ?? DateTimeOffset.MinValue, entity.Length == 0 ? maximum : 10_000))
                .Where(r => entity.Length == 0 || EntityOf(r.Message) == entity).Take(maximum);
            return Batch(context, reader.Disclose(recorded));
        });
        endpoints.MapGet(KnooppuntRoutes.Base + "/entiteiten/{entiteit}/{id}", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            var entity = (string)context.Request.RouteValues["entiteit"]!;
            var id = (string)context.Request.RouteValues["id"]!;
            if (!entities.Contains(entity))
            {
                return Problem(context, 400, "Onbekende entiteit", $"'{entity}' is no entity of the standard.", apiVersion);
            }

            if (Open(context, ingest, access, apiVersion, out var refusal) is not { } reader)
            {
                return refusal;
            }

            var found = reader.Disclose(Recorded(ingest, m => EntityOf(m) == entity && Text(m["data"]?["id"]) == id));
            var about = found.Count == 0 ? null : found[^1];
            if (about is null)
            {
                return Problem(context, 404, "Niet gevonden", $"No {entity} '{id}' here.", apiVersion);
            }

            context.Response.ContentType = "application/cloudevents+json";
            return context.Response.WriteAsync(about.ToJsonString(Json));
        });
        endpoints.MapGet(KnooppuntRoutes.Base + "/incidenten/{id}/entiteiten", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            var id = (string)context.Request.RouteValues["id"]!;
            if (Open(context, ingest, access, apiVersion, out var refusal) is not { } reader)
            {
                return refusal;
            }

            var messages = reader.Disclose(Recorded(ingest, m =>
                Text(m["subject"]) == id || Text(m["correlationid"]) == id || (EntityOf(m) == "incident" && Text(m["data"]?["id"]) == id)));
            return messages.Count == 0
                ? Problem(context, 404, "Niet gevonden", $"No incident '{id}' here.", apiVersion)
                : Batch(context, messages);
        });
        endpoints.MapPost(KnooppuntRoutes.Base + "/terugmeldingen", context => ReceiveTerugmelding(context, ingest, access, apiVersion));
        endpoints.MapGet(KnooppuntRoutes.Base + "/terugmeldingen/{id}", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (Open(context, ingest, access, apiVersion, out var refusal) is null)
            {
                return refusal;
            }

            var id = (string)context.Request.RouteValues["id"]!;
            if (ingest.FindTerugmelding(id) is not { } held)
            {
                return Problem(context, 404, "Niet gevonden", $"No terugmelding '{id}' here.", apiVersion);
            }

            // The state is the reporter's to follow, and the bronhouder's own organisation's.
            if (access is not null && KnooppuntAccess.CallerOin(context) is { } oin && Text(held.Inhoud["melder"]) != oin && !access.IsPrivacyOfficer(context) && !access.IsChair(context))
            {
                return Problem(context, 403, "Geweigerd", "The state of a terugmelding is for its melder.", apiVersion);
            }

            return Write(context, held.ToJson());
        });
        return endpoints;
    }

    private static async Task ReceiveTerugmelding(HttpContext context, KnooppuntIngest ingest, KnooppuntAccess? access, string apiVersion)
    {
        context.Response.Headers["API-Version"] = apiVersion;
        if (Open(context, ingest, access, apiVersion, out var refusal) is null)
        {
            await refusal.ConfigureAwait(false);
            return;
        }

        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Problem(context, 415, "Verkeerd formaat", "A terugmelding is sent as application/json: the entity terugmelding of the standard.", apiVersion).ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > MaxTerugmeldingBytes)
        {
            await Problem(context, 413, "Te groot", $"A terugmelding is at most {MaxTerugmeldingBytes} bytes.", apiVersion).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxTerugmeldingBytes)
            {
                await Problem(context, 413, "Te groot", $"A terugmelding is at most {MaxTerugmeldingBytes} bytes.", apiVersion).ConfigureAwait(false);
                return;
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        if (JsonInput.Check(bytes) is { } input)
        {
            await InvalidTerugmelding(context, input.Kind == InputProblemKind.InvalidUtf8 ? DomainRules.EncodingCode : DomainRules.JsonCode, [(input.InstanceLocation ?? "", input.Text.English)], apiVersion).ConfigureAwait(false);
            return;
        }

        using var document = JsonDocument.Parse(bytes);
        var result = StandardSchemas.Get(Standard.Newest.Name, "terugmelding").Evaluate(document.RootElement);
        if (!result.IsValid)
        {
            await InvalidTerugmelding(context, DomainRules.SchemaCode, [.. result.MostSpecificErrors.Select(e => (e.InstanceLocation, e.Message))], apiVersion).ConfigureAwait(false);
            return;
        }

        var report = JsonNode.Parse(bytes)!.AsObject();
        if (access is not null && KnooppuntAccess.CallerOin(context) is { } oin && Text(report["melder"]) != oin)
        {
            await Problem(context, 403, "Geweigerd", $"The melder of a terugmelding is the caller: {oin}, not {Text(report["melder"])}.", apiVersion).ConfigureAwait(false);
            return;
        }

        var (state, added) = ingest.ReceiveTerugmelding(report);
        context.Response.StatusCode = added ? 201 : 200;
        context.Response.Headers.Location = context.Request.PathBase + KnooppuntRoutes.Base + "/terugmeldingen/" + Uri.EscapeDataString(state.Id);
        await Write(context, state.ToJson()).ConfigureAwait(false);
    }

    private static Task InvalidTerugmelding(HttpContext context, string code, IReadOnlyList<(string Pointer, string Reason)> problems, string apiVersion)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/problem+json";
        context.Response.Headers["API-Version"] = apiVersion;
        return context.Response.WriteAsync(new JsonObject
        {
            ["type"] = "about:blank",
            ["title"] = "Ongeldige terugmelding",
            ["status"] = 400,
            ["detail"] = string.Join(" ", problems.Select(p => $"{(p.Pointer.Length == 0 ? "(the document)" : p.Pointer)}: {p.Reason}")),
            ["code"] = code,
            ["invalidParams"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject { ["name"] = p.Pointer, ["code"] = code, ["reason"] = p.Reason })]),
        }.ToJsonString(Json));
    }

    /// <summary>The recorded messages <paramref name="about"/> selects, each as its recorded text and read once.</summary>
    private static IEnumerable<(string Text, JsonObject Message)> Recorded(KnooppuntIngest ingest, Func<JsonObject, bool> about) =>
        Parsed(ingest.Log.Rows(null).Select(r => r.Text)).Where(r => about(r.Message));

    /// <summary>Recorded texts with the message each holds; a text that is not a JSON object (in quarantine) is left out.</summary>
    private static IEnumerable<(string Text, JsonObject Message)> Parsed(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            JsonObject? message;
            try
            {
                message = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                continue;
            }

            if (message is not null)
            {
                yield return (text, message);
            }
        }
    }

    private static Task Batch(HttpContext context, IReadOnlyList<JsonObject> messages)
    {
        context.Response.ContentType = "application/cloudevents-batch+json";
        return context.Response.WriteAsync(new JsonArray([.. messages]).ToJsonString(Json));
    }

    private static string? EntityOf(JsonObject message) =>
        Text(message["type"]) is { } type && type.StartsWith(MessageTypePrefix, StringComparison.Ordinal) && type.LastIndexOf('.') is var dot && dot > MessageTypePrefix.Length
            ? type[MessageTypePrefix.Length..dot]
            : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
