using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vr.Standaarden.Interop.GeoJson;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Http;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt;

/// <summary>How <see cref="KnooppuntEndpoints.MapKnooppunt"/> presents the node.</summary>
public sealed class KnooppuntEndpointOptions
{
    /// <summary>The API's version, sent as <c>API-Version</c> on every answer; <c>1.0.0</c> by default.</summary>
    public string ApiVersion { get; set; } = "1.0.0";

    /// <summary>The node's name on the portal (such as <c>VR15</c> or <c>landelijk</c>).</summary>
    public string Name { get; set; } = "knooppunt";

    /// <summary>
    /// Whether the receiver verifies signatures. When <c>false</c>, <c>/gezondheid</c> says so and the portal shows a
    /// warning that unsigned messages are accepted.
    /// </summary>
    public bool SignaturesVerified { get; set; } = true;

    /// <summary>
    /// A GeoJSON file (WGS 84) with the safety regions' outlines, served as <c>/regiogrenzen.geojson</c> and drawn on the
    /// portal's map; <c>null</c> (the default) serves the 25 safety regions of 2025 that ship with the package (CBS,
    /// Kadaster via PDOK, CC BY 4.0: <c>statcode</c> <c>VR01</c>…<c>VR25</c>, <c>statnaam</c> the name).
    /// </summary>
    public string? RegionOutlines { get; set; }

    /// <summary>
    /// The safety region a regional node serves (<c>VR01</c>…<c>VR25</c>): the portal opens zoomed to it. <c>null</c>
    /// (the default) is a national node: the portal shows the country, each region coloured by its open incidents.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Whether the routes of the unversioned API that came before <c>/v1</c> (<see cref="KnooppuntRoutes.Moved"/>) answer
    /// <c>308 Permanent Redirect</c> to their place under <c>/v1</c>; <c>true</c> by default, until the next major release.
    /// </summary>
    public bool RedirectUnversioned { get; set; } = true;

    /// <summary>
    /// Whether the node is also the bronhouder of what it holds: <see cref="KnooppuntEndpoints.MapKnooppunt"/> then maps
    /// the bronhouder interface too (<see cref="KnooppuntEndpoints.MapBronhouder"/>), and the node's contract at
    /// <c>/v1/openapi.json</c> has both interfaces. <c>false</c> by default.
    /// </summary>
    public bool Bronhouder { get; set; }

    /// <summary>Whether the portal (<c>/</c>) is served; <c>true</c> by default.</summary>
    public bool Portal { get; set; } = true;

    /// <summary>
    /// Who may read and write (<see cref="KnooppuntAccess"/>): every caller known by its OIN, every read decided for it
    /// by the sharing policy, every message accepted only from its source. <c>null</c> (the default) is an open node:
    /// it answers requests over the loopback interface only (others get 403 <c>VR-TOEGANG-004</c>) and says
    /// <c>open — alleen lokaal</c> in <c>/gezondheid</c>.
    /// </summary>
    public KnooppuntAccess? Access { get; set; }
}

/// <summary>
/// The node's HTTP API under <c>/v1</c> (<see cref="KnooppuntRoutes"/>; NL API Design Rules: Dutch resource names,
/// <c>API-Version</c>, problem+json, the OpenAPI document generated from the newest release at <c>/v1/openapi.json</c>)
/// and its portal at <c>/</c>:
/// <list type="bullet">
/// <item><description><c>POST /v1/berichten</c>: the CloudEvents HTTP binding (single or batch) into the receiver;</description></item>
/// <item><description><c>GET /v1/situatiebeeld[?tijdstip=]</c>: the incidents with their main fields and the other entities, now or at a moment;</description></item>
/// <item><description><c>GET /v1/incidenten/{id}</c>: an incident's fields, <c>herkomst</c> per field, the open <c>tegenstrijdigheden</c> (empty when the sources agree) and the resolved ones under <c>opgelost</c>;</description></item>
/// <item><description><c>GET /v1/situatiebeeld/geojson[?tijdstip=]</c>: incidents and the other entities as a FeatureCollection;</description></item>
/// <item><description><c>GET /v1/situatiebeeld/stroom</c>: server-sent events, one <c>wijziging</c> per ingested batch;</description></item>
/// <item><description><c>GET /v1/gezondheid</c>: status (<c>ok</c>, or <c>degraded</c> with <c>redenen</c> while the record cannot be written or holds messages in <c>quarantaine</c>), the size of the record, whether signatures are verified;</description></item>
/// <item><description><c>GET /</c>: the portal (map with the regions' outlines, filters kept in the URL, list, time slider, live updates; Dutch and English);</description></item>
/// <item><description><c>GET /situatierapport[?tijdstip=&amp;regio=&amp;grip=&amp;…]</c>: the printable situatierapport (HTML) of the picture as the caller may see it, with the portal's filters.</description></item>
/// </list>
/// The unversioned routes of before (<see cref="KnooppuntRoutes.Moved"/>) answer <c>308</c> to their place under <c>/v1</c>.
/// </summary>
public static partial class KnooppuntEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private static readonly string[] OtherKinds = ["waarschuwing", "kennisgeving", "capaciteit", "melding", "besluit", "situatiebeeld", "object", "evenement", "risico", "eenheid", "actiepunt", "terugmelding", "statistiek", "organisatie"];

    /// <summary>Maps the API and the portal onto <paramref name="endpoints"/>, with <paramref name="receiver"/> (attached to <paramref name="ingest"/>) behind <c>POST /berichten</c>.</summary>
    public static IEndpointRouteBuilder MapKnooppunt(this IEndpointRouteBuilder endpoints, KnooppuntIngest ingest, MessageReceiver receiver, KnooppuntEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(receiver);
        options ??= new KnooppuntEndpointOptions();
        var apiVersion = options.ApiVersion;
        var access = options.Access;
        endpoints.MapMessageReceiver(KnooppuntRoutes.Berichten, receiver, new HttpReceiverOptions
        {
            ApiVersion = apiVersion,
            Authorize = access is null
                ? (context, _) => IsLocal(context) ? null : new ReceiveProblem(AccessCodes.OpenNotLocal, "", OpenNotLocal)
                : access.Authorize,
        });
        if (access is null)
        {
            // On an open node everyone reads the one picture: its overview is kept current as messages come in, so no
            // read (the first one included) waits for thousands of incidents to be written.
            var lifetime = endpoints.ServiceProvider.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime)) as Microsoft.Extensions.Hosting.IHostApplicationLifetime;
            KeepOverviewCurrent(ingest, (p, now) => Overview(p, null, options.SignaturesVerified, now), lifetime?.ApplicationStopping ?? CancellationToken.None);
        }

        endpoints.MapGet(KnooppuntRoutes.Situatiebeeld, context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (Open(context, ingest, access, apiVersion, out var refusal) is not { } reader)
            {
                return refusal;
            }

            if (!TryMoment(context, out var moment))
            {
                return BadMoment(context, apiVersion);
            }

            var now = moment ?? DateTimeOffset.UtcNow;
            var body = reader.Read(moment, p => Overview(p, access?.Register, options.SignaturesVerified, now));
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Sum(b => (long)b.Length);
            return WriteAllAsync(context, body);
        });
        endpoints.MapGet(KnooppuntRoutes.Bronnen, context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (Open(context, ingest, access, apiVersion, out var refusal) is not { } reader)
            {
                return refusal;
            }

            if (!TryMoment(context, out var moment))
            {
                return BadMoment(context, apiVersion);
            }

            return Write(context, reader.Read(moment, p => Sources(p, access?.Register, options.SignaturesVerified, moment ?? DateTimeOffset.UtcNow)));
        });
        endpoints.MapGet(KnooppuntRoutes.Incident, context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            var id = (string)context.Request.RouteValues["id"]!;
            if (Open(context, ingest, access, apiVersion, out var refusal) is not { } reader)
            {
                return refusal;
            }

            if (!TryMoment(context, out var moment))
            {
                return BadMoment(context, apiVersion);
            }

            var state = reader.Read(moment, p => p.Incident(id) is { } found ? Incident(found) : null, incident: id);
            return state is null ? Problem(context, 404, "Niet gevonden", $"No incident '{id}' in the picture.", apiVersion) : Write(context, state);
        });
        endpoints.MapGet(KnooppuntRoutes.SituatiebeeldGeoJson, context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (Open(context, ingest, access, apiVersion, out var refusal) is not { } reader)
            {
                return refusal;
            }

            if (!TryMoment(context, out var moment))
            {
                return BadMoment(context, apiVersion);
            }

            var collection = reader.Read(moment, GeoJson);
            context.Response.ContentType = "application/geo+json";
            return context.Response.WriteAsync(collection.ToJsonString(Json));
        });
        endpoints.MapGet(KnooppuntRoutes.SituatiebeeldStroom, context =>
            Open(context, ingest, access, apiVersion, out var refusal) is null ? refusal : Stream(context, ingest, apiVersion, withIds: access is null));
        endpoints.MapGet(KnooppuntRoutes.Gezondheid, context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (access is null && !IsLocal(context))
            {
                return Problem(context, 403, "Geweigerd", OpenNotLocal, apiVersion);
            }

            var caller = access?.Identify(context).Caller;
            if (access is not null && caller is null)
            {
                // An unknown caller learns whether the node is up, nothing more.
                return Write(context, new JsonObject { ["status"] = ingest.LastWriteFailure is null && ingest.Log.Quarantine.Count == 0 ? "ok" : "degraded" });
            }

            var (first, last) = ingest.Log.Span();
            var quarantine = ingest.Log.Quarantine;
            var reasons = new JsonArray();
            if (ingest.LastWriteFailure is { } failure)
            {
                reasons.Add($"The record could not be written since {Timestamps.Text(failure.Since)}: {failure.Reason.TrimEnd('.')}; messages are answered 503.");
            }

            if (quarantine.Count > 0)
            {
                reasons.Add($"{quarantine.Count} recorded message(s) could not be merged into the picture and are in quarantine.");
            }

            if (access is not null)
            {
                // Behind access control the record's size, times and quarantined sources are not the caller's to see;
                // the incident count is that of the caller's own picture.
                return Write(context, new JsonObject
                {
                    ["status"] = reasons.Count == 0 ? "ok" : "degraded",
                    ["redenen"] = reasons,
                    ["naam"] = options.Name,
                    ["toegang"] = "beveiligd",
                    ["incidenten"] = ingest.ReadAs(caller!, access.Policy, null, "GET /gezondheid", p => p.IncidentCount, null, null, record: false, narrow: r => KnooppuntAccess.Narrow(r, context.User)),
                    ["handtekeningen"] = options.SignaturesVerified ? "gecontroleerd" : "niet gecontroleerd",
                    ["regiogrenzen"] = true,
                    ["regio"] = options.Region,
                });
            }

            return Write(context, new JsonObject
            {
                ["status"] = reasons.Count == 0 ? "ok" : "degraded",
                ["redenen"] = reasons,
                ["quarantaine"] = new JsonArray([.. quarantine.Select(q => (JsonNode)new JsonObject
                {
                    ["volgnummer"] = q.Sequence,
                    ["source"] = q.Source,
                    ["id"] = q.Id,
                    ["reden"] = q.Reason,
                    ["sinds"] = Timestamps.Text(q.Since),
                })]),
                ["naam"] = options.Name,
                ["toegang"] = "open — alleen lokaal",
                ["berichten"] = ingest.Log.Count,
                ["incidenten"] = ingest.Read(p => p.IncidentCount),
                ["handtekeningen"] = options.SignaturesVerified ? "gecontroleerd" : "niet gecontroleerd",
                ["eerste"] = first?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                ["laatste"] = last?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                ["regiogrenzen"] = true,
                ["regio"] = options.Region,
            });
        });
        endpoints.MapGet(KnooppuntRoutes.Verwerkingen, context =>
        {
            context.Response.Headers["API-Version"] = apiVersion;
            if (Open(context, ingest, access, apiVersion, out var refusal) is null)
            {
                return refusal;
            }

            if (access is not null && !access.IsPrivacyOfficer(context))
            {
                return Problem(context, 403, "Geweigerd", "The processing log is for the privacy officer (KnooppuntAccess.PrivacyOfficers; a person in the role privacyfunctionaris).", apiVersion);
            }

            if (!TryMoment(context, out var from, "van") || !TryMoment(context, out var until, "tot"))
            {
                return Problem(context, 400, "Ongeldig tijdstip", "van and tot are RFC 3339 dates and times with a time zone.", apiVersion);
            }

            var check = ingest.Log.VerifyProcessing();
            return Write(context, new JsonObject
            {
                ["keten"] = new JsonObject { ["intact"] = check.IsIntact, ["records"] = check.Records, ["laatste"] = check.LastHash, ["probleem"] = check.Problem },
                ["verwerkingen"] = new JsonArray([.. ingest.Log.Processing(from, until).Select(line => JsonNode.Parse(line))]),
            });
        });
        endpoints.MapGet(KnooppuntRoutes.Sessie, context => Session(context, ingest, access, apiVersion));
        endpoints.MapGet(KnooppuntRoutes.Doorbraken, context => Grants(context, ingest, access, apiVersion));
        endpoints.MapPost(KnooppuntRoutes.Doorbraken, context => CreateGrant(context, ingest, access, apiVersion));
        endpoints.MapGet(KnooppuntRoutes.Doorbraak, context => GrantReport(context, ingest, access, apiVersion));
        var contract = new Lazy<JsonObject>(() => options.Bronhouder
            ? InterfaceContracts.OpenApi(Standard.Newest, new ContractOptions { ApiVersion = apiVersion })
            : InterfaceContracts.Knooppunt(Standard.Newest, new ContractOptions { ApiVersion = apiVersion }));
        if (options.Bronhouder)
        {
            endpoints.MapBronhouder(ingest, options);
        }

        endpoints.MapGet(KnooppuntRoutes.OpenApi, context => Contract(context, contract.Value, apiVersion));
        if (options.RedirectUnversioned)
        {
            MapMoved(endpoints);
        }

        // Under /v1 even a path that is not there is answered as the design rules ask: problem+json, with the version.
        endpoints.MapFallback(KnooppuntRoutes.Base + "/{**rest}", context =>
            Problem(context, 404, "Niet gevonden", $"{context.Request.Path} is no resource of this API; {KnooppuntRoutes.OpenApi} lists them.", apiVersion));

        MapPortal(endpoints, ingest, access, options, apiVersion);

        return endpoints;
    }

    private const string OpenNotLocal = "This node has no access control (KnooppuntEndpointOptions.Access), so it answers only requests over the loopback interface.";

    /// <summary>Whether the request came over the loopback interface.</summary>
    private static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote);

    /// <summary>How this request may read the picture, or <c>null</c> with the answer that refuses it.</summary>
    private static SituatiebeeldReader? Open(HttpContext context, KnooppuntIngest ingest, KnooppuntAccess? access, string apiVersion, out Task refusal)
    {
        refusal = Task.CompletedTask;
        if (access is null)
        {
            if (IsLocal(context))
            {
                return new SituatiebeeldReader(ingest, null, null, "");
            }

            refusal = Problem(context, 403, "Geweigerd", OpenNotLocal, apiVersion);
            return null;
        }

        var (caller, status, detail) = access.Identify(context);
        if (caller is null)
        {
            refusal = Problem(context, status, status == 401 ? "Niet bekend" : "Geweigerd", detail, apiVersion);
            return null;
        }

        var person = context.User.FindFirst(KnooppuntAccess.RoleClaim) is not null ? context.User.FindFirst("sub")?.Value : null;
        return new SituatiebeeldReader(ingest, access, caller, $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}", person, context.User);
    }

    /// <summary>
    /// Reads the picture as the caller may see it: all of it on an open node, else as the sharing policy delivers it to
    /// the caller, recording a read of personal data in the processing log.
    /// </summary>
    private sealed class SituatiebeeldReader(KnooppuntIngest ingest, KnooppuntAccess? access, Uitwisseling.Recipient? organisation, string reading, string? person = null, System.Security.Claims.ClaimsPrincipal? user = null)
    {
        public T Read<T>(DateTimeOffset? moment, Func<Situatiebeeld, T> read, string? incident = null) =>
            access is null
                ? moment is { } m ? read(ingest.At(m)) : ingest.Read(read)
                : ingest.ReadAs(organisation!, access.Policy, moment, reading, read, incident, person, record: true, narrow: r => KnooppuntAccess.Narrow(r, user!));

        /// <summary>Recorded messages as the caller may have them (all of them on an open node).</summary>
        public IReadOnlyList<JsonObject> Disclose(IEnumerable<(string Text, JsonObject Message)> recorded) =>
            access is null
                ? [.. recorded.Select(r => r.Message)]
                : ingest.Disclose(recorded.Select(r => r.Text), organisation!, access.Policy, r => KnooppuntAccess.Narrow(r, user!), reading, person);
    }

    // The picture's sources, each with the update interval its newest message declares or else the one its organisation
    // declares in the register.
    private static List<Bronstand> Declared(Situatiebeeld picture, RecipientRegister? register) =>
        [.. picture.Bronnen.Select(b => b.Interval is null && register is not null && MessageVerifier.OinOf(b.Bron) is { } oin && register.Find(oin)?.Interval is { } declared
            ? b with { Interval = declared }
            : b)];

    // The overview, written as UTF-8 JSON. Each incident's part is kept with the picture it came from and written again only
    // when the incident's state or its sources' quality changed: a read of 10,000 incidents copies bytes instead of
    // building 10,000 objects; and a read in the same second as the one before, with nothing new, is that read's answer
    // (the answer's tijdstip and each source's actuality are to the second). A picture made for one read (at a moment)
    // keeps nothing beyond that read.
    private static ReadOnlyMemory<byte>[] Overview(Situatiebeeld picture, RecipientRegister? register, bool verified, DateTimeOffset now)
    {
        var kept = OverviewParts.GetValue(picture, _ => new OverviewCache());
        var second = now.ToUnixTimeSeconds();
        if (kept.Body is { } body && kept.Revision == picture.Revision && kept.Second == second && kept.Register == register && kept.Verified == verified)
        {
            return body;
        }

        KeepParts(picture, kept);
        var declared = Declared(picture, register);
        var sources = declared.ToDictionary(b => b.Bron, StringComparer.Ordinal);

        // The quality an incident takes from its sources, worked out once per set of sources; the incidents are written
        // again only when their parts or one of these changed (a new second alone changes neither, mostly).
        var qualities = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var part in kept.Parts.Values)
        {
            if (!qualities.ContainsKey(part.SourcesKey))
            {
                var text = SourceQuality(part.State.Sources, sources, verified, now).ToJsonString(Json);
                qualities[part.SourcesKey] = System.Text.Encoding.UTF8.GetBytes(text[..^1]);
            }
        }

        if (kept.Incidents is null || kept.IncidentsRevision != kept.PartsRevision || !SameQualities(kept.Qualities, qualities))
        {
            kept.Incidents = Incidents(picture, kept, qualities);
            (kept.IncidentsRevision, kept.Qualities) = (kept.PartsRevision, qualities);
        }

        var head = new System.Buffers.ArrayBufferWriter<byte>(64);
        Write(head, "{\"bronnen\":"u8);
        WriteNumber(head, picture.Sources.Count);
        Write(head, ",\"incidenten\":"u8);
        var tail = new System.Buffers.ArrayBufferWriter<byte>(1024);
        Write(tail, ",\"entiteiten\":"u8);
        Write(tail, JsonSerializer.SerializeToUtf8Bytes(new JsonArray([.. OtherEntities(picture).Select(e => (JsonNode)Summary(e))]), Json));
        Write(tail, ",\"betrouwbaarheid\":"u8);
        Write(tail, JsonSerializer.SerializeToUtf8Bytes(new JsonArray([.. declared.Select(b => (JsonNode)new JsonObject
        {
            ["bron"] = b.Bron,
            ["incidenten"] = b.Incidenten,
            ["tegenstrijdig"] = b.Tegenstrijdig,
            ["tegenstrijdigheid"] = b.Tegenstrijdigheid is { } rate ? Math.Round(rate, 3) : null,
            ["terugmeldingen"] = b.Terugmeldingen,
        })]), Json));
        Write(tail, ",\"tijdstip\":"u8);
        Write(tail, JsonSerializer.SerializeToUtf8Bytes(now.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), Json));
        Write(tail, "}"u8);
        (kept.Body, kept.Revision, kept.Second, kept.Register, kept.Verified) = ([head.WrittenMemory, kept.Incidents, tail.WrittenMemory], picture.Revision, second, register, verified);
        return kept.Body;
    }

    // The incidents array: each incident's kept part with the quality of its sources and its own counts between.
    private static byte[] Incidents(Situatiebeeld picture, OverviewCache kept, Dictionary<string, byte[]> qualities)
    {
        var size = 2;
        foreach (var part in kept.Parts.Values)
        {
            size += part.Head.Length + qualities[part.SourcesKey].Length + part.Tail.Length + 64;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(size);
        Write(buffer, "["u8);
        var first = true;
        foreach (var id in picture.IncidentIds)
        {
            var part = kept.Parts[id];
            if (!first)
            {
                Write(buffer, ","u8);
            }

            first = false;
            Write(buffer, part.Head);
            Write(buffer, qualities[part.SourcesKey]);
            Write(buffer, ",\"tegenstrijdig\":"u8);
            WriteNumber(buffer, part.State.Contradictions.Count);
            Write(buffer, ",\"terugmeldingen\":"u8);
            WriteNumber(buffer, part.State.Terugmeldingen.Count);
            Write(buffer, "}"u8);
            Write(buffer, part.Tail);
        }

        Write(buffer, "]"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static bool SameQualities(Dictionary<string, byte[]>? before, Dictionary<string, byte[]> now) =>
        before is not null && before.Count == now.Count && now.All(q => before.TryGetValue(q.Key, out var was) && was.AsSpan().SequenceEqual(q.Value));

    private static void Write(System.Buffers.ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => System.Buffers.BuffersExtensions.Write(buffer, bytes);

    private static void WriteNumber(System.Buffers.ArrayBufferWriter<byte> buffer, int value)
    {
        System.Buffers.Text.Utf8Formatter.TryFormat(value, buffer.GetSpan(11), out var written);
        buffer.Advance(written);
    }

    private static async Task WriteAllAsync(HttpContext context, ReadOnlyMemory<byte>[] parts)
    {
        foreach (var part in parts)
        {
            await context.Response.Body.WriteAsync(part, context.RequestAborted).ConfigureAwait(false);
        }
    }

    // Brings each incident's kept part in line with its state: written again only for an incident whose state changed,
    // dropped for one that is gone. The part leaves out the quality, which changes with the sources and the clock.
    private static void KeepParts(Situatiebeeld picture, OverviewCache kept)
    {
        if (kept.PartsRevision == picture.Revision)
        {
            return;
        }

        var parts = kept.Parts;
        foreach (var id in picture.IncidentIds)
        {
            var state = picture.Incident(id)!;
            if (!parts.TryGetValue(id, out var part) || !ReferenceEquals(part.State, state))
            {
                parts[id] = IncidentPart.Of(state, JsonSerializer.SerializeToUtf8Bytes(IncidentSummary(state, quality: null), Json));
            }
        }

        if (parts.Count > picture.IncidentCount)
        {
            var current = picture.IncidentIds.ToHashSet(StringComparer.Ordinal);
            foreach (var gone in parts.Keys.Where(k => !current.Contains(k)).ToList())
            {
                parts.Remove(gone);
            }
        }

        kept.PartsRevision = picture.Revision;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Situatiebeeld, OverviewCache> OverviewParts = [];

    /// <summary>The revision of <paramref name="picture"/> the kept overview's parts were written for, or <c>null</c> when none are kept.</summary>
    internal static long? KeptOverviewRevision(Situatiebeeld picture) =>
        OverviewParts.TryGetValue(picture, out var kept) && kept.PartsRevision >= 0 ? kept.PartsRevision : null;

    /// <summary>How long the overview waits after a change for more, before it writes what changed.</summary>
    private static readonly TimeSpan OverviewSettle = TimeSpan.FromMilliseconds(200);

    // Keeps the overview current in the background until stopping: after each change (at most once per OverviewSettle)
    // the parts of the incidents that changed and the tally per source, which is short; once no change came in for
    // OverviewSettle, the whole answer as a read would make it.
    private static void KeepOverviewCurrent(KnooppuntIngest ingest, Action<Situatiebeeld, DateTimeOffset> whole, CancellationToken stopping)
    {
        var changed = new SemaphoreSlim(0, 1);
        void OnChanged(object? sender, SituatiebeeldChangedEventArgs e)
        {
            if (changed.CurrentCount == 0)
            {
                try
                {
                    changed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already signalled.
                }
            }
        }

        ingest.Changed += OnChanged;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    var quiet = true;
                    while (!stopping.IsCancellationRequested)
                    {
                        try
                        {
                            ingest.Read(p =>
                            {
                                KeepParts(p, OverviewParts.GetValue(p, _ => new OverviewCache()));
                                _ = p.Bronnen;
                                if (quiet)
                                {
                                    whole(p, DateTimeOffset.UtcNow);
                                }

                                return 0;
                            });
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            // Kept for the next change; until then a read writes the parts itself, and says why.
                        }

                        await changed.WaitAsync(stopping).ConfigureAwait(false);
                        await Task.Delay(OverviewSettle, stopping).ConfigureAwait(false);
                        quiet = changed.CurrentCount == 0;
                    }
                }
                catch (OperationCanceledException)
                {
                    // Stopping.
                }
                finally
                {
                    ingest.Changed -= OnChanged;
                }
            },
            CancellationToken.None);
    }

    // What the overview keeps per picture: each incident's part, and the last answer with what it was made of.
    private sealed class OverviewCache
    {
        public Dictionary<string, IncidentPart> Parts { get; } = new(StringComparer.Ordinal);

        public long PartsRevision { get; set; } = -1;

        public ReadOnlyMemory<byte>[]? Body { get; set; }

        public byte[]? Incidents { get; set; }

        public long IncidentsRevision { get; set; } = -1;

        public Dictionary<string, byte[]>? Qualities { get; set; }

        public long Revision { get; set; }

        public long Second { get; set; }

        public RecipientRegister? Register { get; set; }

        public bool Verified { get; set; }
    }

    // One incident's part of the overview as written for its state: its summary up to the quality (Head) and after it
    // (Tail), and the key of its set of sources, whose quality goes between them.
    private sealed record IncidentPart(IncidentState State, string SourcesKey, byte[] Head, byte[] Tail)
    {
        private static readonly byte[] Marker = ",\"kwaliteit\":null,\"bijgewerkt\":"u8.ToArray();

        public static IncidentPart Of(IncidentState state, byte[] summary)
        {
            // The quality is the last member but one, and the last one is a timestamp, so the marker is found once and
            // at its end. The head ends with the quality's name, the tail starts with the comma before bijgewerkt.
            var at = summary.AsSpan().LastIndexOf(Marker);
            return new IncidentPart(state, string.Join('\n', state.Sources), summary[..(at + ",\"kwaliteit\":"u8.Length)], summary[(at + ",\"kwaliteit\":null"u8.Length)..]);
        }
    }

    private static JsonObject IncidentSummary(IncidentState s, JsonObject? quality) => new()
    {
        ["id"] = s.Id,
        ["grip"] = s.Fields.GetValueOrDefault("grip")?.Value,
        ["classificatie"] = s.Fields.GetValueOrDefault("classificatie")?.Value,
        ["fase"] = s.Fields.GetValueOrDefault("fase")?.Value,
        ["veiligheidsregio"] = s.Fields.GetValueOrDefault("veiligheidsregio")?.Value,
        ["disciplines"] = s.Fields.GetValueOrDefault("disciplines")?.Value,
        ["locatie"] = s.Fields.GetValueOrDefault("locatie")?.Value?["omschrijving"]?.DeepClone(),
        ["bronnen"] = s.Sources.Count,
        ["tegenstrijdigheden"] = s.Contradictions.Count,
        ["tegenstrijdigeVelden"] = new JsonArray([.. s.Contradictions.Select(c => (JsonNode)JsonValue.Create(c.Field))]),
        ["opgelost"] = s.Resolved.Count,
        ["terugmeldingen"] = s.Terugmeldingen.Count,
        ["algoritmischeVelden"] = new JsonArray([.. AlgorithmicFields(s).Select(f => (JsonNode)JsonValue.Create(f))]),
        ["kwaliteit"] = quality is null ? null : WithCounts(quality, s),
        ["bijgewerkt"] = Timestamps.Text(s.Fields.Values.Max(v => v.Herkomst.Time)),
    };

    // The fields whose current value, or a value in an open contradiction, a rule or a learned model made.
    internal static IEnumerable<string> AlgorithmicFields(IncidentState incident) =>
        incident.Fields.Where(f => f.Value.Origin?.Soort is "berekening" or "ai").Select(f => f.Key)
            .Concat(incident.Contradictions.Where(c => c.Values.Any(v => v.Origin?.Soort is "berekening" or "ai")).Select(c => c.Field))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    // An incident's quality from its sources': all current, their mean completeness, the share of their messages verified;
    // then its own open contradictions and terugmeldingen.
    internal static JsonObject IncidentQuality(IncidentState incident, Dictionary<string, Bronstand> sources, bool verified, DateTimeOffset now) =>
        WithCounts(SourceQuality(incident.Sources, sources, verified, now), incident);

    private static JsonObject SourceQuality(IReadOnlyList<string> incidentSources, Dictionary<string, Bronstand> sources, bool verified, DateTimeOffset now)
    {
        var own = incidentSources.Select(sources.GetValueOrDefault).OfType<Bronstand>().ToList();
        var complete = own.Where(b => b.Volledigheid is not null).Select(b => b.Volledigheid!.Value).ToList();
        var messages = own.Sum(b => b.Berichten);
        return new JsonObject
        {
            ["actueel"] = own.All(b => b.IsActueel(now)),
            ["volledigheid"] = complete.Count == 0 ? null : Math.Round(complete.Average(), 3),
            ["geverifieerd"] = messages == 0 ? null : Math.Round(verified ? (double)own.Sum(b => b.Ondertekend) / messages : 0, 3),
        };
    }

    private static JsonObject WithCounts(JsonObject quality, IncidentState incident)
    {
        quality["tegenstrijdig"] = incident.Contradictions.Count;
        quality["terugmeldingen"] = incident.Terugmeldingen.Count;
        return quality;
    }

    // GET /v1/bronnen: every source with what the picture knows of it, as the contract says.
    private static JsonArray Sources(Situatiebeeld picture, RecipientRegister? register, bool verified, DateTimeOffset now) =>
        new([.. Declared(picture, register).Select(b => (JsonNode)new JsonObject
        {
            ["bron"] = b.Bron,
            ["laatste"] = Timestamps.Text(b.Laatste),
            ["interval"] = b.Interval,
            ["actueel"] = b.IsActueel(now),
            ["berichten"] = b.Berichten,
            ["geverifieerd"] = verified ? b.Ondertekend : 0,
            ["tegenstrijdig"] = b.Tegenstrijdig,
            ["volledigheid"] = b.Volledigheid is { } share ? Math.Round(share, 3) : null,
        })]);

    private static IEnumerable<EntityState> OtherEntities(Situatiebeeld picture) => OtherKinds.SelectMany(picture.Entities);

    private static JsonObject Summary(EntityState entity)
    {
        var data = entity.Data;
        var summary = new JsonObject { ["entiteit"] = entity.Entity, ["id"] = entity.Id, ["tlp"] = entity.Tlp, ["herkomst"] = Herkomst(entity.Herkomst) };
        foreach (var name in new[] { "incidentId", "kop", "gebeurtenis", "ernst", "urgentie", "verloopt", "soort", "beschikbaar", "totaal", "aanbieder", "classificatie", "omschrijving", "tekst", "team", "versie", "aanduiding" })
        {
            if (data[name] is JsonValue value)
            {
                summary[name] = value.DeepClone();
            }
        }

        if (data["prioriteiten"]?[0]?["prioriteit"] is JsonValue priority)
        {
            summary["prioriteit"] = priority.DeepClone();
        }

        if (data["locatie"]?["omschrijving"] is JsonValue place)
        {
            summary["locatie"] = place.DeepClone();
        }

        return summary;
    }

    private static JsonObject GeoJson(Situatiebeeld picture)
    {
        var incidents = picture.IncidentIds.Select(picture.Incident).ToList();
        var collection = GeoJsonExport.FeatureCollection([.. incidents.Select(s => AsMessage(s!)), .. OtherEntities(picture).Select(e => e.ToMessage())]);
        var byId = incidents.ToDictionary(s => s!.Id, StringComparer.Ordinal);
        foreach (var feature in collection["features"]!.AsArray())
        {
            var properties = feature!["properties"]!.AsObject();
            if ((string?)properties["entiteit"] == "incident" && byId.GetValueOrDefault((string?)properties["id"] ?? "") is { } state)
            {
                properties["bronnen"] = state.Sources.Count;
                properties["tegenstrijdigheden"] = state.Contradictions.Count;
            }
        }

        return collection;
    }

    private static JsonObject Incident(IncidentState state)
    {
        var fields = new JsonObject();
        var herkomst = new JsonObject();
        foreach (var (name, value) in state.Fields)
        {
            fields[name] = value.Value;
            herkomst[name] = Herkomst(value.Herkomst, value.Origin);
        }

        return new JsonObject
        {
            ["id"] = state.Id,
            ["velden"] = fields,
            ["herkomst"] = herkomst,
            ["bronnen"] = new JsonArray([.. state.Sources.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["tegenstrijdigheden"] = new JsonArray([.. state.Contradictions.Select(c => (JsonNode)Contradiction(c))]),
            ["opgelost"] = new JsonArray([.. state.Resolved.Select(r =>
            {
                var item = Contradiction(r.Contradiction);
                item["besluit"] = new JsonObject { ["id"] = r.Resolution.BesluitId, ["team"] = r.Resolution.Team, ["waarde"] = r.Resolution.Value?.DeepClone(), ["herkomst"] = Herkomst(r.Resolution.Herkomst) };
                return (JsonNode)item;
            })]),
            ["terzijde"] = new JsonArray([.. state.SetAside.Select(r => (JsonNode)new JsonObject
            {
                ["veld"] = r.Resolution.Field,
                ["reden"] = r.Reason,
                ["besluit"] = new JsonObject { ["id"] = r.Resolution.BesluitId, ["team"] = r.Resolution.Team, ["waarde"] = r.Resolution.Value?.DeepClone(), ["herkomst"] = Herkomst(r.Resolution.Herkomst) },
            })]),
            ["terugmeldingen"] = new JsonArray([.. state.Terugmeldingen.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["veld"] = t.Field,
                ["pointer"] = t.Veld,
                ["bericht"] = new JsonObject { ["bron"] = t.BerichtSource, ["id"] = t.BerichtId },
                ["status"] = t.Status,
                ["melder"] = t.Melder,
                ["bronhouder"] = t.Bronhouder,
                ["reden"] = t.Reden,
                ["herkomst"] = Herkomst(t.Herkomst),
            })]),
        };
    }

    private static JsonObject Contradiction(Contradiction c) => new()
    {
        ["veld"] = c.Field,
        ["reden"] = c.Reason,
        ["waarden"] = new JsonArray([.. c.Values.Select(v => (JsonNode)new JsonObject { ["waarde"] = v.Value, ["herkomst"] = Herkomst(v.Herkomst, v.Origin) })]),
    };

    private static async Task Stream(HttpContext context, KnooppuntIngest ingest, string apiVersion, bool withIds)
    {
        context.Response.Headers["API-Version"] = apiVersion;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentType = "text/event-stream";
        var changes = System.Threading.Channels.Channel.CreateBounded<SituatiebeeldChangedEventArgs>(new System.Threading.Channels.BoundedChannelOptions(64) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest });
        void OnChanged(object? sender, SituatiebeeldChangedEventArgs e) => changes.Writer.TryWrite(e);
        ingest.Changed += OnChanged;
        try
        {
            // The stream ends when the client goes away or the node stops (so stopping does not wait for open portals).
            var lifetime = context.RequestServices.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime)) as Microsoft.Extensions.Hosting.IHostApplicationLifetime;
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime?.ApplicationStopping ?? CancellationToken.None);
            var aborted = ending.Token;
            await context.Response.WriteAsync(": verbonden\n\n", aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            while (!aborted.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
                string text;
                try
                {
                    var change = await changes.Reader.ReadAsync(heartbeat.Token).ConfigureAwait(false);
                    // Behind access control a change says only that the picture changed: ids could name what the caller may not see.
                    var body = withIds
                        ? new JsonObject { ["berichten"] = new JsonArray([.. change.Messages.Select(m => (JsonNode)new JsonObject { ["type"] = m.Type, ["id"] = m.Id })]) }
                        : new JsonObject { ["berichten"] = new JsonArray() };
                    text = $"event: wijziging\ndata: {body.ToJsonString(Json)}\n\n";
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    text = ": nog verbonden\n\n";
                }

                await context.Response.WriteAsync(text, aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            ingest.Changed -= OnChanged;
        }
    }

    private static async Task Resource(HttpContext context, string name, string contentType, string apiVersion)
    {
        context.Response.Headers["API-Version"] = apiVersion;
        context.Response.ContentType = contentType;
        await using var stream = typeof(KnooppuntEndpoints).Assembly.GetManifestResourceStream("Vr.Standaarden.Knooppunt.Portal." + name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from the assembly.");
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task BadMoment(HttpContext context, string apiVersion) =>
        Problem(context, 400, "Ongeldig tijdstip", "tijdstip is not an RFC 3339 date and time with a time zone.", apiVersion);

    private static JsonObject Herkomst(Herkomst provenance, FieldOrigin? origin = null)
    {
        var result = new JsonObject
        {
            ["bron"] = provenance.Source,
            ["bericht"] = provenance.MessageId,
            ["tijdstip"] = Timestamps.Text(provenance.Time),
        };
        if (origin is not null)
        {
            result["totstandkoming"] = new JsonObject { ["soort"] = origin.Soort, ["model"] = origin.Model, ["versie"] = origin.Versie, ["beoordeeld"] = origin.Beoordeeld };
        }

        return result;
    }

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

        return new JsonObject { ["type"] = Situatiebeeld.IncidentType, ["source"] = string.Join(' ', state.Sources), ["data"] = data };
    }

    private static bool TryMoment(HttpContext context, out DateTimeOffset? moment, string parameter = "tijdstip")
    {
        moment = null;
        var text = context.Request.Query[parameter].ToString();
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

    private static Task Write(HttpContext context, JsonNode body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(Json));
    }

    private static Task Contract(HttpContext context, JsonObject contract, string apiVersion)
    {
        // The document names this node as its server, as the caller reached it.
        var document = contract.DeepClone().AsObject();
        var request = context.Request;
        document["servers"] = new JsonArray(new JsonObject { ["url"] = $"{request.Scheme}://{request.Host}{request.PathBase}{KnooppuntRoutes.Base}", ["description"] = "Dit knooppunt." });
        foreach (var (_, item) in document["paths"]!.AsObject())
        {
            // A bronhouder's operations name a source elsewhere; here the node is that source.
            item!.AsObject().Remove("servers");
        }

        context.Response.Headers["API-Version"] = apiVersion;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(document.ToJsonString(Json));
    }

    private static void MapMoved(IEndpointRouteBuilder endpoints)
    {
        foreach (var (old, now) in KnooppuntRoutes.Moved)
        {
            endpoints.MapMethods(old, [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Options], context =>
            {
                // Mapped in a group (MapGroup("/regio")), the new place is in the same group.
                var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? old;
                var target = (pattern.EndsWith(old, StringComparison.Ordinal) ? pattern[..^old.Length] : "") + now;
                foreach (var (name, value) in context.Request.RouteValues)
                {
                    target = target.Replace("{" + name + "}", Uri.EscapeDataString(value?.ToString() ?? ""), StringComparison.Ordinal);
                }

                // 308 keeps the method and the body: a sender that follows it delivers the same message to the new place.
                context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                context.Response.Headers.Location = context.Request.PathBase + target + context.Request.QueryString;
                return Task.CompletedTask;
            });
        }
    }

    private static Task Problem(HttpContext context, int status, string title, string detail, string apiVersion)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        context.Response.Headers["API-Version"] = apiVersion;
        return context.Response.WriteAsync(new JsonObject { ["type"] = "about:blank", ["title"] = title, ["status"] = status, ["detail"] = detail }.ToJsonString(Json));
    }
}
