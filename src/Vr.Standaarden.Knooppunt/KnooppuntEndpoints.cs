using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vr.Standaarden.Interop.GeoJson;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Http;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// The node's HTTP API (NL API Design Rules: Dutch resource names, <c>API-Version</c>, problem+json):
/// <list type="bullet">
/// <item><description><c>POST /berichten</c>: the CloudEvents HTTP binding (single or batch) into the receiver;</description></item>
/// <item><description><c>GET /situatiebeeld[?tijdstip=]</c>: the incidents with their main fields, now or at a moment;</description></item>
/// <item><description><c>GET /incidenten/{id}</c>: an incident's fields, <c>herkomst</c> per field and the open <c>tegenstrijdigheden</c> (empty when the sources agree);</description></item>
/// <item><description><c>GET /situatiebeeld.geojson</c>: the incidents as a FeatureCollection;</description></item>
/// <item><description><c>GET /gezondheid</c>: status and the size of the record.</description></item>
/// </list>
/// </summary>
public static class KnooppuntEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Maps the API onto <paramref name="endpoints"/>, with <paramref name="receiver"/> (attached to <paramref name="ingest"/>) behind <c>POST /berichten</c>.</summary>
    public static IEndpointRouteBuilder MapKnooppunt(this IEndpointRouteBuilder endpoints, KnooppuntIngest ingest, MessageReceiver receiver, string apiVersion = "1.0.0")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(receiver);
        endpoints.MapMessageReceiver("/berichten", receiver, new HttpReceiverOptions { ApiVersion = apiVersion });
        endpoints.MapGet("/situatiebeeld", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (!TryMoment(context, out var moment))
            {
                return Problem(context, 400, "Ongeldig tijdstip", "tijdstip is not an RFC 3339 date and time with a time zone.", apiVersion);
            }

            var picture = moment is { } m ? ingest.At(m) : null;
            var body = picture is null ? ingest.Read(Overview) : Overview(picture);
            body["tijdstip"] = (moment ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
            return Write(context, body);
        });
        endpoints.MapGet("/incidenten/{id}", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            var id = (string)context.Request.RouteValues["id"]!;
            var state = ingest.Read(p => p.Incident(id));
            return state is null ? Problem(context, 404, "Niet gevonden", $"No incident '{id}' in the picture.", apiVersion) : Write(context, Incident(state));
        });
        endpoints.MapGet("/situatiebeeld.geojson", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            var messages = ingest.Read(p => p.IncidentIds.Select(p.Incident).Select(s => AsMessage(s!)).ToList());
            context.Response.ContentType = "application/geo+json";
            return context.Response.WriteAsync(GeoJsonExport.FeatureCollection(messages).ToJsonString(Json));
        });
        endpoints.MapGet("/gezondheid", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            return Write(context, new JsonObject { ["status"] = "ok", ["berichten"] = ingest.Log.Count });
        });
        return endpoints;
    }

    private static JsonObject Overview(SituationPicture picture) => new()
    {
        ["incidenten"] = new JsonArray([.. picture.IncidentIds.Select(picture.Incident).Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s!.Id,
            ["grip"] = s.Fields.GetValueOrDefault("grip")?.Value?.DeepClone(),
            ["classificatie"] = s.Fields.GetValueOrDefault("classificatie")?.Value?.DeepClone(),
            ["fase"] = s.Fields.GetValueOrDefault("fase")?.Value?.DeepClone(),
            ["veiligheidsregio"] = s.Fields.GetValueOrDefault("veiligheidsregio")?.Value?.DeepClone(),
            ["bronnen"] = s.Sources.Count,
            ["tegenstrijdigheden"] = s.Contradictions.Count,
        })]),
    };

    private static JsonObject Incident(IncidentState state)
    {
        var fields = new JsonObject();
        var herkomst = new JsonObject();
        foreach (var (name, value) in state.Fields)
        {
            fields[name] = value.Value?.DeepClone();
            herkomst[name] = Herkomst(value.Herkomst);
        }

        return new JsonObject
        {
            ["id"] = state.Id,
            ["velden"] = fields,
            ["herkomst"] = herkomst,
            ["bronnen"] = new JsonArray([.. state.Sources.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["tegenstrijdigheden"] = new JsonArray([.. state.Contradictions.Select(c => (JsonNode)new JsonObject
            {
                ["veld"] = c.Field,
                ["reden"] = c.Reason,
                ["waarden"] = new JsonArray([.. c.Values.Select(v => (JsonNode)new JsonObject { ["waarde"] = v.Value?.DeepClone(), ["herkomst"] = Herkomst(v.Herkomst) })]),
            })]),
        };
    }

    private static JsonObject Herkomst(Provenance provenance) => new()
    {
        ["bron"] = provenance.Source,
        ["bericht"] = provenance.MessageId,
        ["tijdstip"] = provenance.Time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    private static JsonObject AsMessage(IncidentState state)
    {
        var data = new JsonObject { ["id"] = state.Id };
        foreach (var name in new[] { "classificatie", "fase", "locatie" })
        {
            if (state.Fields.GetValueOrDefault(name)?.Value is { } value)
            {
                data[name] = value.DeepClone();
            }
        }

        if (state.Fields.GetValueOrDefault("grip")?.Value is { } grip)
        {
            data["grip"] = new JsonObject { ["niveau"] = grip.DeepClone() };
        }

        return new JsonObject { ["type"] = SituationPicture.IncidentType, ["source"] = string.Join(' ', state.Sources), ["data"] = data };
    }

    private static bool TryMoment(HttpContext context, out DateTimeOffset? moment)
    {
        moment = null;
        var text = context.Request.Query["tijdstip"].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && (text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            moment = value;
            return true;
        }

        return false;
    }

    private static Task Write(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(Json));
    }

    private static Task Problem(HttpContext context, int status, string title, string detail, string apiVersion)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        context.Response.Headers["API-Version"] = apiVersion;
        return context.Response.WriteAsync(new JsonObject { ["type"] = "about:blank", ["title"] = title, ["status"] = status, ["detail"] = detail }.ToJsonString(Json));
    }
}
