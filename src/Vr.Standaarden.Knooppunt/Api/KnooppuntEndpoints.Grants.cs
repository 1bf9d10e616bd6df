using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vr.Standaarden.Koppelvlakken;

namespace Vr.Standaarden.Knooppunt;

/// <summary>The caller's session and the chair's grants (doorbraken): <c>/v1/sessie</c>, <c>/v1/doorbraken</c>, <c>/v1/doorbraken/{id}</c>.</summary>
public static partial class KnooppuntEndpoints
{
    /// <summary>The largest body <c>POST /doorbraken</c> reads: 64 KiB.</summary>
    private const int MaxGrantBytes = 64 * 1024;

    /// <summary>
    /// <c>GET /sessie</c>: who the node takes the caller for (afnemer, person, roles), whether it may grant a doorbraak or
    /// read the processing log, and the antiforgery token the portal sends with its forms.
    /// </summary>
    private static Task Session(HttpContext context, KnooppuntIngest ingest, KnooppuntAccess? access, string apiVersion)
    {
        context.Response.Headers["API-Version"] = apiVersion;
        if (Open(context, ingest, access, apiVersion, out var refusal) is null)
        {
            return refusal;
        }

        var body = new JsonObject { ["toegang"] = access is null ? "open — alleen lokaal" : "beveiligd" };
        if (access is not null)
        {
            var caller = access.Identify(context).Caller!;
            body["afnemer"] = caller.Oin;
            body["naam"] = caller.Naam;
            body["persoon"] = context.User.FindFirst(KnooppuntAccess.RoleClaim) is null ? null : context.User.FindFirst("sub")?.Value;
            body["rollen"] = new JsonArray([.. context.User.FindAll(KnooppuntAccess.RoleClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(r => (JsonNode)JsonValue.Create(r))]);
            body["magVerlenen"] = access.IsChair(context);
            body["privacyfunctionaris"] = access.IsPrivacyOfficer(context);
        }

        if (context.RequestServices.GetService<IAntiforgery>() is { } antiforgery)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            body["antivervalsing"] = new JsonObject { ["kop"] = tokens.HeaderName, ["token"] = tokens.RequestToken };
        }

        return Write(context, body);
    }

    /// <summary>
    /// <c>GET /doorbraken</c>: the grants that concern the caller while they hold; the chair and the privacy officer see
    /// every grant, expired ones too.
    /// </summary>
    private static Task Grants(HttpContext context, KnooppuntIngest ingest, KnooppuntAccess? access, string apiVersion)
    {
        context.Response.Headers["API-Version"] = apiVersion;
        if (Open(context, ingest, access, apiVersion, out var refusal) is null)
        {
            return refusal;
        }

        var now = ingest.Clock.GetUtcNow();
        var all = access is not null && (access.IsChair(context) || access.IsPrivacyOfficer(context));
        var oin = access is null ? null : KnooppuntAccess.CallerOin(context);
        var grants = access is null ? [] : ingest.Log.Grants.Where(g => all || (g.IsActive(now) && g.Afnemers.Contains(oin!, StringComparer.Ordinal)));
        return Write(context, new JsonObject
        {
            ["doorbraken"] = new JsonArray([.. grants.Select(g =>
            {
                var json = g.ToJson();
                json["actief"] = g.IsActive(now);
                return (JsonNode)json;
            })]),
        });
    }

    /// <summary>
    /// <c>POST /doorbraken</c>: the chair opens data temporarily. Only a person in the chair role acting for an OIN of
    /// <see cref="KnooppuntAccess.Chairs"/>; a request without a bearer token (a browser's, carrying the session cookie)
    /// must come from the node's own pages: same origin, with the antiforgery token of <c>/sessie</c>.
    /// </summary>
    private static async Task CreateGrant(HttpContext context, KnooppuntIngest ingest, KnooppuntAccess? access, string apiVersion)
    {
        context.Response.Headers["API-Version"] = apiVersion;
        if (access is null)
        {
            await Problem(context, 403, "Geweigerd", "This node has no access control (KnooppuntEndpointOptions.Access): everyone on it sees everything, so there is nothing to open.", apiVersion).ConfigureAwait(false);
            return;
        }

        if (Open(context, ingest, access, apiVersion, out var refusal) is null)
        {
            await refusal.ConfigureAwait(false);
            return;
        }

        if (!access.IsChair(context))
        {
            await Problem(context, 403, "Geweigerd", $"Only the chair grants a doorbraak: a person in the role {KnooppuntAccess.ChairRole} acting for an OIN of KnooppuntAccess.Chairs.", apiVersion).ConfigureAwait(false);
            return;
        }

        if (await CrossSiteProblem(context).ConfigureAwait(false) is { } crossSite)
        {
            await Problem(context, 403, "Geweigerd", crossSite, apiVersion).ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentType?.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await Problem(context, 415, "Verkeerd formaat", "A grant is sent as application/json.", apiVersion).ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > MaxGrantBytes)
        {
            await Problem(context, 413, "Te groot", $"A grant is at most {MaxGrantBytes} bytes.", apiVersion).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxGrantBytes)
            {
                await Problem(context, 413, "Te groot", $"A grant is at most {MaxGrantBytes} bytes.", apiVersion).ConfigureAwait(false);
                return;
            }

            buffer.Write(chunk, 0, read);
        }

        JsonObject request;
        try
        {
            var bytes = buffer.ToArray();
            if (Schema.Input.JsonInput.CheckSyntax(bytes) is { } syntax)
            {
                await Problem(context, 400, "Ongeldig verzoek", syntax.Text.English, apiVersion).ConfigureAwait(false);
                return;
            }

            request = JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException("The body is not a JSON object.");
        }
        catch (JsonException e)
        {
            await Problem(context, 400, "Ongeldig verzoek", e.Message, apiVersion).ConfigureAwait(false);
            return;
        }

        var oin = KnooppuntAccess.CallerOin(context)!;
        var person = context.User.FindFirst("sub")?.Value ?? oin;
        if (TemporaryGrant.Create(request, access.Register, person, oin, ingest.Clock.GetUtcNow(), out var problems) is not { } grant)
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["type"] = "about:blank",
                ["title"] = "Ongeldige doorbraak",
                ["status"] = 400,
                ["detail"] = string.Join(" ", problems.Select(p => $"{p.Pointer}: {p.Problem}")),
                ["invalidParams"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject { ["name"] = p.Pointer, ["reason"] = p.Problem })]),
            }.ToJsonString(Json), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        ingest.Grant(grant);
        context.Response.StatusCode = 201;
        context.Response.Headers.Location = context.Request.PathBase + KnooppuntRoutes.Doorbraak.Replace("{id}", Uri.EscapeDataString(grant.Id), StringComparison.Ordinal);
        var body = grant.ToJson();
        body["actief"] = true;
        await Write(context, body).ConfigureAwait(false);
    }

    /// <summary>
    /// Why a request that carries the browser's credentials (no bearer token) is refused as cross-site: another site's
    /// page (<c>Sec-Fetch-Site</c>, <c>Origin</c>) or no valid antiforgery token; <c>null</c> when it is the node's own.
    /// </summary>
    private static async Task<string?> CrossSiteProblem(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return $"A request from another site's page is refused (Sec-Fetch-Site: {site}).";
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != "null" && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return $"A request from another origin ({origin}) is refused.";
        }

        if (context.RequestServices.GetService<IAntiforgery>() is not { } antiforgery)
        {
            return "The node has no antiforgery service (services.AddKnooppunt registers it), so it takes forms with a bearer token only.";
        }

        return await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false)
            ? null
            : "The request lacks the antiforgery token of GET /sessie (header and cookie), so it may come from another site's page.";
    }

    /// <summary><c>GET /doorbraken/{id}</c>: a grant and its report (every read under it), for the chair and the privacy officer.</summary>
    private static Task GrantReport(HttpContext context, KnooppuntIngest ingest, KnooppuntAccess? access, string apiVersion)
    {
        context.Response.Headers["API-Version"] = apiVersion;
        if (Open(context, ingest, access, apiVersion, out var refusal) is null)
        {
            return refusal;
        }

        var id = (string)context.Request.RouteValues["id"]!;
        if (access is null || ingest.Log.Grants.FirstOrDefault(g => g.Id == id) is not { } grant)
        {
            return Problem(context, 404, "Niet gevonden", $"No doorbraak '{id}' in the record.", apiVersion);
        }

        if (!access.IsChair(context) && !access.IsPrivacyOfficer(context))
        {
            return Problem(context, 403, "Geweigerd", "The report of a doorbraak is for the chair and the privacy officer.", apiVersion);
        }

        var body = grant.ToJson();
        body["actief"] = grant.IsActive(ingest.Clock.GetUtcNow());
        body["verslag"] = new JsonArray([.. ingest.GrantReport(id).Select(line => JsonNode.Parse(line))]);
        return Write(context, body);
    }
}
