using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vr.Standaarden.Begrippen;

namespace Vr.Standaarden.Knooppunt;

public static partial class KnooppuntEndpoints
{
    /// <summary>The outlines drawn when the node names none: the 25 safety regions of 2025 (CBS, Kadaster via PDOK, CC BY 4.0).</summary>
    private const string BuiltInOutlines = "veiligheidsregios-2025.geojson";

    // The portal, what it draws with (outlines, the vocabulary's labels) and the printable situatierapport.
    private static void MapPortal(IEndpointRouteBuilder endpoints, KnooppuntIngest ingest, KnooppuntAccess? access, KnooppuntEndpointOptions options, string apiVersion)
    {
        endpoints.MapGet("/regiogrenzen.geojson", context => options.RegionOutlines is { } outlines
            ? File.Exists(outlines)
                ? context.Response.SendFileAsync(outlines)
                : Problem(context, 404, "Niet beschikbaar", $"The node's region outlines ({Path.GetFileName(outlines)}) are missing.", apiVersion)
            : Resource(context, BuiltInOutlines, "application/geo+json", apiVersion));
        if (!options.Portal)
        {
            return;
        }

        endpoints.MapGet("/", context => Resource(context, "portal.html", "text/html; charset=utf-8", apiVersion));
        endpoints.MapGet("/portal.js", context => Resource(context, "portal.js", "text/javascript; charset=utf-8", apiVersion));
        endpoints.MapGet("/portal.css", context => Resource(context, "portal.css", "text/css; charset=utf-8", apiVersion));
        endpoints.MapGet("/situatierapport.css", context => Resource(context, "situatierapport.css", "text/css; charset=utf-8", apiVersion));
        endpoints.MapGet("/situatierapport.js", context => Resource(context, "situatierapport.js", "text/javascript; charset=utf-8", apiVersion));
        var vocabulary = new Lazy<JsonObject>(Vocabulary);
        endpoints.MapGet("/begrippen.json", context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            return Write(context, vocabulary.Value);
        });
        endpoints.MapGet("/situatierapport", async context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (Open(context, ingest, access, apiVersion, out var refusal) is not { } reader)
            {
                await refusal.ConfigureAwait(false);
                return;
            }

            if (!TryMoment(context, out var moment))
            {
                await BadMoment(context, apiVersion).ConfigureAwait(false);
                return;
            }

            var filter = PortalFilter.From(context.Request.Query);
            var now = moment ?? DateTimeOffset.UtcNow;
            var html = reader.Read(moment, picture =>
            {
                var sources = Declared(picture, access?.Register).ToDictionary(b => b.Bron, StringComparer.Ordinal);
                return Report(picture, filter, options.Name, now, incident => IncidentQuality(incident, sources, options.SignaturesVerified, now));
            });
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
        });
    }

    // Codes and labels the portal shows and filters on, from the newest release's code lists.
    private static JsonObject Vocabulary()
    {
        var result = new JsonObject();
        foreach (var (key, list) in new[] { ("grip", "grip-niveau"), ("discipline", "discipline"), ("veiligheidsregio", "veiligheidsregio"), ("classificatie", "meldingsclassificatie") })
        {
            result[key] = new JsonArray([.. Codelijsten.Get(list).Codes.Select(c => (JsonNode)new JsonObject { ["code"] = c.Waarde, ["label"] = c.Label, ["labelEn"] = c.LabelEn })]);
        }

        result["perspectieven"] = new JsonArray([.. PortalFilter.Perspectives.Select(p => (JsonNode)new JsonObject { ["naam"] = p.Key, ["discipline"] = p.Value })]);
        return result;
    }

    private static readonly TimeZoneInfo Netherlands = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Amsterdam", out var zone) ? zone : TimeZoneInfo.Local;

    private static readonly string[] Months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    // A moment as a Dutch reader reads it: Dutch time and month names, also where the process has no cultures
    // (globalization-invariant mode, as in small containers).
    private static string Dutch(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Netherlands);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Day} {Months[local.Month - 1]} {local.Year} {local:HH:mm}");
    }

    /// <summary>The situatierapport: a printable page for the ROT or CoPI meeting, of the picture as the caller may see it.</summary>
    internal static string Report(Situatiebeeld picture, PortalFilter filter, string node, DateTimeOffset moment, Func<IncidentState, JsonObject> quality)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        static string? Text(FieldValue? value) => value?.Value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonArray a => string.Join(", ", a.Select(x => x?.ToString())),
            JsonObject o when o["omschrijving"] is JsonValue place => place.ToString(),
            { } other => other.ToJsonString(),
            null => null,
        };

        var at = Dutch(moment);
        var incidents = picture.IncidentIds.Select(picture.Incident).OfType<IncidentState>().Where(i => filter.Matches(i, quality(i))).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Situatierapport ").Append(E(node)).Append(' ').Append(E(at)).Append("</title>\n")
            .Append("<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/situatierapport.css\">\n<script src=\"/situatierapport.js\" defer></script>\n</head>\n<body>\n<main>\n")
            .Append("<header><h1>Situatierapport ").Append(E(node)).Append("</h1>\n<p class=\"moment\">Stand van <time datetime=\"")
            .Append(E(Timestamps.Text(moment))).Append("\">").Append(E(at)).Append("</time></p>\n");
        if (filter.Describe() is { } described)
        {
            html.Append("<p class=\"filter\">Filter: ").Append(E(described)).Append("</p>\n");
        }

        html.Append("<button type=\"button\" id=\"afdrukken\" class=\"scherm\">Afdrukken / PDF</button>\n</header>\n");
        html.Append("<section aria-labelledby=\"incidentenkop\">\n<h2 id=\"incidentenkop\">Incidenten (").Append(incidents.Count).Append(")</h2>\n");
        if (incidents.Count == 0)
        {
            html.Append("<p class=\"leeg\">Geen incidenten").Append(filter.IsEmpty ? "" : " die aan het filter voldoen").Append(" op dit moment.</p>\n");
        }

        foreach (var incident in incidents)
        {
            var f = incident.Fields;
            html.Append("<article class=\"incident\" data-id=\"").Append(E(incident.Id)).Append("\">\n<h3>").Append(E(incident.Id)).Append(" — ")
                .Append(E(PortalFilter.Label("meldingsclassificatie", Text(f.GetValueOrDefault("classificatie"))) ?? "zonder classificatie")).Append("</h3>\n<dl>\n");
            void Row(string label, string? value) => html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(string.IsNullOrEmpty(value) ? "—" : value)).Append("</dd>\n");
            Row("GRIP", Text(f.GetValueOrDefault("grip")));
            Row("Fase", Text(f.GetValueOrDefault("fase")));
            Row("Regio", PortalFilter.Label("veiligheidsregio", Text(f.GetValueOrDefault("veiligheidsregio"))));
            Row("Locatie", f.GetValueOrDefault("locatie")?.Value?["omschrijving"]?.ToString());
            Row("Disciplines", f.GetValueOrDefault("disciplines")?.Value is JsonArray d ? string.Join(", ", d.Select(x => PortalFilter.Label("discipline", x?.ToString()))) : null);
            Row("Bronnen", $"{incident.Sources.Count}: {string.Join(", ", incident.Sources)}");
            Row("Bijgewerkt", f.Count == 0 ? null : Dutch(f.Values.Max(v => v.Herkomst.Time)));
            html.Append("</dl>\n");
            if (incident.Contradictions.Count > 0)
            {
                html.Append("<h4>Open tegenstrijdigheden (").Append(incident.Contradictions.Count).Append(")</h4>\n<ul class=\"tegenstrijdig\">\n");
                foreach (var c in incident.Contradictions)
                {
                    html.Append("<li><strong>").Append(E(c.Field)).Append("</strong>: ")
                        .Append(E(string.Join("; ", c.Values.Select(v => $"{Text(v)} ({v.Herkomst.Source})")))).Append("</li>\n");
                }

                html.Append("</ul>\n");
            }

            if (incident.Resolved.Count > 0)
            {
                html.Append("<h4>Genomen besluiten (").Append(incident.Resolved.Count).Append(")</h4>\n<ul class=\"besluiten\">\n");
                foreach (var r in incident.Resolved)
                {
                    html.Append("<li><strong>").Append(E(r.Resolution.Field)).Append("</strong> = ").Append(E(r.Resolution.Value?.ToString()))
                        .Append(" — besluit ").Append(E(r.Resolution.BesluitId)).Append(r.Resolution.Team is { } team ? $" ({E(team)})" : "").Append("</li>\n");
                }

                html.Append("</ul>\n");
            }

            if (incident.Terugmeldingen.Count > 0)
            {
                html.Append("<h4>Open terugmeldingen (").Append(incident.Terugmeldingen.Count).Append(")</h4>\n<ul>\n");
                foreach (var t in incident.Terugmeldingen)
                {
                    html.Append("<li><strong>").Append(E(t.Field)).Append("</strong>: ").Append(E(t.Reden)).Append(" (").Append(E(t.Status)).Append(")</li>\n");
                }

                html.Append("</ul>\n");
            }

            html.Append("</article>\n");
        }

        html.Append("</section>\n");
        var warnings = picture.Entities("waarschuwing");
        html.Append("<section aria-labelledby=\"waarschuwingenkop\">\n<h2 id=\"waarschuwingenkop\">Waarschuwingen (").Append(warnings.Count).Append(")</h2>\n");
        if (warnings.Count == 0)
        {
            html.Append("<p class=\"leeg\">Geen waarschuwingen.</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th scope=\"col\">Waarschuwing</th><th scope=\"col\">Ernst</th><th scope=\"col\">Urgentie</th><th scope=\"col\">Verloopt</th><th scope=\"col\">Bron</th></tr></thead>\n<tbody>\n");
            foreach (var w in warnings)
            {
                var data = w.Data;
                html.Append("<tr><td>").Append(E(data["kop"]?.ToString() ?? data["gebeurtenis"]?.ToString() ?? w.Id)).Append("</td><td>").Append(E(data["ernst"]?.ToString()))
                    .Append("</td><td>").Append(E(data["urgentie"]?.ToString())).Append("</td><td>").Append(E(data["verloopt"]?.ToString()))
                    .Append("</td><td>").Append(E(w.Herkomst.Source)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
        var capacity = picture.Entities("capaciteit");
        html.Append("<section aria-labelledby=\"capaciteitkop\">\n<h2 id=\"capaciteitkop\">Capaciteit (").Append(capacity.Count).Append(")</h2>\n");
        if (capacity.Count == 0)
        {
            html.Append("<p class=\"leeg\">Geen capaciteit gemeld.</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th scope=\"col\">Soort</th><th scope=\"col\">Beschikbaar</th><th scope=\"col\">Totaal</th><th scope=\"col\">Aanbieder</th></tr></thead>\n<tbody>\n");
            foreach (var c in capacity)
            {
                var data = c.Data;
                html.Append("<tr><td>").Append(E(data["soort"]?.ToString() ?? c.Id)).Append("</td><td>").Append(E(data["beschikbaar"]?.ToString()))
                    .Append("</td><td>").Append(E(data["totaal"]?.ToString())).Append("</td><td>").Append(E(data["aanbieder"]?.ToString())).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n<footer><p>Samengesteld door knooppunt ").Append(E(node)).Append(" uit wat deze lezer mag zien.</p></footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}
