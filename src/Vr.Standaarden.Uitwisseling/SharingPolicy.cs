using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>Deliver, deliver minimised, or refuse.</summary>
public enum SharingVerdict
{
    /// <summary>Deliver the message as it is.</summary>
    Deliver,

    /// <summary>Deliver it with the personal data the recipient may not have removed.</summary>
    Minimise,

    /// <summary>Do not deliver it.</summary>
    Refuse,
}

/// <summary>One reason of a decision: a stable code (<c>VR-DEEL-…</c>) and its text in English and Dutch.</summary>
public sealed record SharingReason(string Code, LocalizedText Text);

/// <summary>The decision for one message and one recipient.</summary>
/// <param name="Verdict">Deliver, minimise or refuse.</param>
/// <param name="Reasons">Why: every rule that refused, or what minimisation removed.</param>
/// <param name="Message">The message as delivered (minimised where it says so); <c>null</c> when refused.</param>
/// <param name="Removed">The JSON Pointers of the members minimisation removed.</param>
public sealed record SharingDecision(SharingVerdict Verdict, IReadOnlyList<SharingReason> Reasons, JsonObject? Message, IReadOnlyList<string> Removed);

/// <summary>Who holds the message and when it is: the organisation deciding, and its clock.</summary>
public sealed class SharingOptions
{
    /// <summary>
    /// The OIN of the organisation that holds the message and decides (for TLP:AMBER and AMBER+STRICT, and the
    /// communities of TLP:GREEN, which are its own in the register). <c>null</c>: the OIN in the message's <c>source</c>,
    /// as on the first hop.
    /// </summary>
    public string? Holder { get; set; }

    /// <summary>The clock for tijdbinding (<c>expirytime</c>).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>
    /// The schemas of extensions (<c>uitbreidingen</c>) by namespace (<c>nl.vrhaaglanden.bereikbaarheid</c>). Extension
    /// data is personal data unless its own schema says otherwise: the members of a namespace listed here are minimised
    /// by the <c>persoonsgegeven</c> annotations of its schema (and a member the schema does not describe as personal
    /// data), and the data of a namespace not listed goes only to recipients registered for every kind of personal data.
    /// </summary>
    public IDictionary<string, JsonElement> Extensions { get; } = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
}

/// <summary>
/// The standard's sharing policy, per message per recipient, with reasons and stable codes:
/// TLP 2.0 (RED only to the OINs in <c>ontvangers</c>; AMBER+STRICT only within the holder's organisation; AMBER to it
/// and its clients; GREEN within a shared community; CLEAR to anyone; the label is never changed), doelbinding (a
/// purpose the recipient is registered for), rubricering (a clearance of at least that level, never derived from TLP),
/// tijdbinding (not after <c>expirytime</c>), content of learned models (release 1.2's <c>totstandkoming</c> <c>ai</c>: to a
/// recipient registered <c>ai: weigeren</c> never, <c>alleen-beoordeeld</c> only once a person confirmed or corrected
/// it; <c>VR-DEEL-012</c>, <c>VR-DEEL-013</c>) and minimisation (properties annotated <c>persoonsgegeven</c> removed unless
/// the recipient may have that kind; the result must still be valid). A release without annotations (1.0) is minimised by
/// the newest annotations of its major line, and a member those do not describe is treated as personal data of every
/// kind (fail closed); extension data likewise, unless its schema is given (<see cref="SharingOptions.Extensions"/>).
/// Thread-safe.
/// </summary>
public sealed class SharingPolicy
{
    /// <summary>The extension attribute a minimised envelope carries.</summary>
    public const string MinimisedAttribute = "geminimaliseerd";

    private static readonly string[] Clearances = ["geen", "DEP-V", "STG-C", "STG-G", "STG-ZG"];
    private static readonly ConcurrentDictionary<(string, string), PersonalDataMap> PersonalData = new();

    /// <summary>Every kind of personal data the standard knows; data that cannot be matched to an annotation needs them all.</summary>
    private static readonly string[] AllKinds = ["gewoon", "bijzonder", "strafrechtelijk"];

    /// <summary>The kind given to data no annotation describes: it goes only to a recipient registered for <see cref="AllKinds"/>.</summary>
    private const string UnknownKind = "onbekend";
    private readonly ConcurrentDictionary<string, PersonalDataMap> _extensions = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JsonSchema> Envelopes = new(StringComparer.Ordinal);
    private readonly RecipientRegister _register;
    private readonly SharingOptions _options;

    /// <summary>A policy over <paramref name="register"/>.</summary>
    public SharingPolicy(RecipientRegister register, SharingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        _register = register;
        _options = options ?? new SharingOptions();
    }

    /// <summary>
    /// The clock the policy judges tijdbinding by (<see cref="SharingOptions.Time"/>): a message is not delivered after its
    /// <c>expirytime</c> by this clock. A reader that keeps what the policy delivered asks it when that stops holding.
    /// </summary>
    public TimeProvider Time => _options.Time;

    /// <summary>The decision for <paramref name="message"/> (UTF-8 JSON) and the recipient <paramref name="recipientOin"/>.</summary>
    public SharingDecision Decide(ReadOnlySpan<byte> message, string recipientOin)
    {
        ArgumentNullException.ThrowIfNull(recipientOin);
        return Read(message, out var envelope) ?? Decide(envelope!, recipientOin);
    }

    /// <summary>
    /// The decision for <paramref name="message"/> (not changed) and the recipient <paramref name="recipientOin"/>,
    /// recorded (<see cref="Accountability"/>) as <c>vr.bericht.verzonden</c>, <c>vr.bericht.geminimaliseerd</c>,
    /// <c>vr.bericht.verlopen</c> or <c>vr.bericht.geweigerd</c>.
    /// </summary>
    public SharingDecision Decide(JsonObject message, string recipientOin)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipientOin);
        return Recorded(message, recipientOin, DecideCore(message, recipientOin));
    }

    /// <summary>
    /// The decision for <paramref name="message"/> (UTF-8 JSON) and <paramref name="recipient"/> as given rather than as
    /// the register has it: for a person who acts for an afnemer with less than it (fewer purposes, no personal data),
    /// whose rights the caller narrowed from the register's entry. Recorded as <see cref="Decide(JsonObject, string)"/>.
    /// </summary>
    public SharingDecision Decide(ReadOnlySpan<byte> message, Recipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return Read(message, out var envelope) ?? Recorded(envelope!, recipient.Oin, DecideFor(envelope!, recipient));
    }

    /// <summary>
    /// The decision for a message the caller has already checked (<see cref="JsonInput.Check"/>: a member name twice is
    /// not refused here) and parsed into <paramref name="message"/> (<see cref="JsonInput.Parse"/>), for the recipient
    /// <paramref name="recipientOin"/>; nothing is parsed again. Recorded as <see cref="Decide(JsonObject, string)"/>.
    /// </summary>
    public SharingDecision Decide(JsonElement message, string recipientOin)
    {
        ArgumentNullException.ThrowIfNull(recipientOin);
        return message.ValueKind == JsonValueKind.Object
            ? Decide(JsonObject.Create(message)!, recipientOin)
            : NotAnObject();
    }

    /// <summary>The envelope of <paramref name="message"/>, or the refusal of bytes that are not one.</summary>
    private static SharingDecision? Read(ReadOnlySpan<byte> message, out JsonObject? envelope)
    {
        envelope = null;
        if (JsonInput.Check(message, InputLimits.Default) is { } problem)
        {
            // A member name given twice is refused as such: the policy must judge what every recipient will read.
            return problem.Kind == InputProblemKind.DuplicateMember
                ? Refused(Reason("VR-JSON-004", problem.Text.English, problem.Text.Dutch))
                : Refused(Reason("VR-DEEL-011", $"The message cannot be read: {problem.Text.English}", $"Het bericht is niet te lezen: {problem.Text.Dutch}"));
        }

        var parsed = JsonInput.Parse(message, InputLimits.Default, nameof(SharingPolicy));
        envelope = parsed.ValueKind == JsonValueKind.Object ? JsonObject.Create(parsed) : null;
        return envelope is null ? NotAnObject() : null;
    }

    private static SharingDecision NotAnObject() => Refused(Reason("VR-DEEL-011", "A message is a JSON object.", "Een bericht is een JSON-object."));

    private static SharingDecision Recorded(JsonObject message, string recipientOin, SharingDecision decision)
    {
        var name = decision.Verdict switch
        {
            SharingVerdict.Deliver => "vr.bericht.verzonden",
            SharingVerdict.Minimise => "vr.bericht.geminimaliseerd",
            _ when decision.Reasons.Any(r => r.Code == "VR-DEEL-008") => "vr.bericht.verlopen",
            _ => "vr.bericht.geweigerd",
        };
        Accountability.Record(name, decision.Verdict != SharingVerdict.Refuse,
        [
            new("vr.bericht.id", Text(message, "id")),
            new("vr.bericht.source", Text(message, "source")),
            new("vr.ontvanger", recipientOin),
            new("vr.codes", string.Join(" ", decision.Reasons.Select(r => r.Code))),
            new("vr.verwijderd", string.Join(" ", decision.Removed)),
        ]);
        return decision;
    }

    private SharingDecision DecideCore(JsonObject message, string recipientOin)
    {
        var recipient = _register.Find(recipientOin);
        if (recipient is null)
        {
            return Refused(Reason("VR-DEEL-001", $"{recipientOin} is not in the recipient register.", $"{recipientOin} staat niet in het afnemersregister."));
        }

        return DecideFor(message, recipient);
    }

    private SharingDecision DecideFor(JsonObject message, Recipient recipient)
    {
        var refusals = new List<SharingReason>();
        var holder = _options.Holder ?? MessageVerifier.OinOf(Text(message, "source") ?? "") ?? "";
        var holderOrganisation = _register.Find(holder)?.OrganisationOin ?? holder;
        var tlp = Text(message, "tlp");
        switch (tlp)
        {
            case "TLP:CLEAR" or "TLP:WHITE":
                break;
            case "TLP:GREEN":
                var communities = _register.Find(holder)?.Gemeenschappen ?? [];
                if (!recipient.Gemeenschappen.Intersect(communities, StringComparer.Ordinal).Any())
                {
                    refusals.Add(Reason("VR-DEEL-005", $"TLP:GREEN stays within a community; {recipient.Naam} shares none with {holder}.", $"TLP:GREEN blijft binnen een gemeenschap; {recipient.Naam} deelt er geen met {holder}."));
                }

                break;
            case "TLP:AMBER":
                if (recipient.OrganisationOin != holderOrganisation && !recipient.KlantVan.Contains(holderOrganisation, StringComparer.Ordinal))
                {
                    refusals.Add(Reason("VR-DEEL-004", $"TLP:AMBER goes only to organisation {holderOrganisation} and its clients; {recipient.Naam} is neither.", $"TLP:AMBER gaat alleen naar organisatie {holderOrganisation} en haar klanten; {recipient.Naam} is geen van beide."));
                }

                break;
            case "TLP:AMBER+STRICT":
                if (recipient.OrganisationOin != holderOrganisation)
                {
                    refusals.Add(Reason("VR-DEEL-003", $"TLP:AMBER+STRICT stays within organisation {holderOrganisation}; {recipient.Naam} belongs to {recipient.OrganisationOin}.", $"TLP:AMBER+STRICT blijft binnen organisatie {holderOrganisation}; {recipient.Naam} hoort bij {recipient.OrganisationOin}."));
                }

                break;
            case "TLP:RED":
                var named = (Text(message, "ontvangers") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(u => MessageVerifier.OinOf(u)).ToHashSet(StringComparer.Ordinal);
                if (!named.Contains(recipient.Oin))
                {
                    refusals.Add(Reason("VR-DEEL-002", $"TLP:RED goes only to the OINs in ontvangers; {recipient.Oin} is not one of them.", $"TLP:RED gaat alleen naar de OIN's in ontvangers; {recipient.Oin} is daar niet een van."));
                }

                break;
            default:
                refusals.Add(Reason("VR-DEEL-011", $"The label '{tlp}' is not a TLP 2.0 label: the message is not shared.", $"Het label '{tlp}' is geen TLP 2.0-label: het bericht wordt niet gedeeld."));
                break;
        }

        var purposes = (Text(message, "doelbinding") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!purposes.Intersect(recipient.Doelen, StringComparer.Ordinal).Any())
        {
            refusals.Add(Reason("VR-DEEL-006", $"The message is for {string.Join(", ", purposes)}; {recipient.Naam} is registered for {(recipient.Doelen.Count == 0 ? "no purpose" : string.Join(", ", recipient.Doelen))}.",
                $"Het bericht is voor {string.Join(", ", purposes)}; {recipient.Naam} is geregistreerd voor {(recipient.Doelen.Count == 0 ? "geen doel" : string.Join(", ", recipient.Doelen))}."));
        }

        if (Text(message, "rubricering") is { } classification && Array.IndexOf(Clearances, classification) > Array.IndexOf(Clearances, recipient.Rubricering))
        {
            refusals.Add(Reason("VR-DEEL-007", $"The message is classified {classification}; {recipient.Naam} is cleared for {recipient.Rubricering}.", $"Het bericht is gerubriceerd {classification}; {recipient.Naam} is gemachtigd tot {recipient.Rubricering}."));
        }

        if (Text(message, "expirytime") is { } expiry && DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.None, out var until) && _options.Time.GetUtcNow() > until)
        {
            refusals.Add(Reason("VR-DEEL-008", $"The message expired at {expiry}: it is not delivered for operational use.", $"Het bericht verliep op {expiry}: het wordt niet geleverd voor operationeel gebruik."));
        }

        if (recipient.Ai != "toestaan" && message["data"] is JsonObject data && ModelContent(data) is { } made)
        {
            if (recipient.Ai == "weigeren")
            {
                refusals.Add(Reason("VR-DEEL-012", $"The message holds content a learned model made ({made.Pointer}); {recipient.Naam} takes none.",
                    $"Het bericht bevat inhoud die een lerend model maakte ({made.Pointer}); {recipient.Naam} neemt die niet af."));
            }
            else if (!made.Reviewed)
            {
                refusals.Add(Reason("VR-DEEL-013", $"The content a learned model made ({made.Pointer}) has not been reviewed by a person; {recipient.Naam} takes it reviewed only.",
                    $"De inhoud die een lerend model maakte ({made.Pointer}) is niet door een mens beoordeeld; {recipient.Naam} neemt die alleen beoordeeld af."));
            }
        }

        if (refusals.Count > 0)
        {
            return Refused([.. refusals]);
        }

        return Minimise(message, recipient);
    }

    private SharingDecision Minimise(JsonObject message, Recipient recipient)
    {
        var dataschema = Text(message, "dataschema");
        if (dataschema is null || Standard.FindById(dataschema) is not { } file || !Standard.TryParseId(dataschema, out var release, out _) || message["data"] is not JsonObject)
        {
            // Not an entity of the standard: nothing is known to be personal data.
            return new SharingDecision(SharingVerdict.Deliver, [], (JsonObject)message.DeepClone(), []);
        }

        var copy = (JsonObject)message.DeepClone();
        var removed = new List<string>();
        var map = PersonalDataOf(release, file.Name);
        foreach (var (path, kind) in map.Annotated)
        {
            if (!May(recipient, kind))
            {
                Remove(copy["data"], path, 0, "/data", removed, kind);
            }
        }

        // Members the annotations do not describe (a release without annotations of its own, an older shape) and
        // extension data are judged member by member.
        Unmatched(copy["data"], map, [], "/data", recipient, removed, !map.Exact);
        if (removed.Count == 0)
        {
            return new SharingDecision(SharingVerdict.Deliver, [], copy, []);
        }

        copy.Remove("jws");
        copy[MinimisedAttribute] = true;
        using var written = JsonDocument.Parse(copy.ToJsonString());
        var errors = Envelope(release).Evaluate(written.RootElement).MostSpecificErrors;
        if (errors.Count > 0)
        {
            return Refused(Reason("VR-DEEL-010", $"Without the personal data {recipient.Naam} may not have, the message is invalid ({errors[0].InstanceLocation}: {errors[0].Text.English}).",
                $"Zonder de persoonsgegevens die {recipient.Naam} niet mag hebben, is het bericht ongeldig ({errors[0].InstanceLocation}: {errors[0].Text.Dutch})."));
        }

        var list = string.Join(", ", removed.Select(r => r.Split(' ')[0]));
        return new SharingDecision(SharingVerdict.Minimise,
            [Reason("VR-DEEL-009", $"Personal data removed that {recipient.Naam} may not have: {list}. The sender's signature no longer covers the message.",
                $"Persoonsgegevens verwijderd die {recipient.Naam} niet mag hebben: {list}. De handtekening van de afzender dekt het bericht niet meer.")],
            copy, [.. removed.Select(r => r.Split(' ')[0])]);
    }

    private static bool May(Recipient recipient, string kind) =>
        kind == UnknownKind
            ? AllKinds.All(k => recipient.Persoonsgegevens.Contains(k, StringComparer.Ordinal))
            : recipient.Persoonsgegevens.Contains(kind, StringComparer.Ordinal);

    /// <summary>
    /// Removes what <paramref name="map"/> does not describe (when <paramref name="strict"/>) and the extension data the
    /// recipient may not have, below <paramref name="node"/> at schema path <paramref name="path"/>.
    /// </summary>
    private void Unmatched(JsonNode? node, PersonalDataMap map, List<string> path, string pointer, Recipient recipient, List<string> removed, bool strict)
    {
        if (node is JsonArray array)
        {
            path.Add("*");
            for (var i = 0; i < array.Count; i++)
            {
                Unmatched(array[i], map, path, pointer + "/" + i.ToString(CultureInfo.InvariantCulture), recipient, removed, strict);
            }

            path.RemoveAt(path.Count - 1);
            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var name in obj.Select(m => m.Key).ToList())
        {
            path.Add(name);
            var key = string.Join('/', path);
            var at = pointer + "/" + StandardRelease.Escape(name);
            if (map.Extensions.Contains(key) && obj[name] is JsonObject extensions)
            {
                Extensions(extensions, at, recipient, removed);
            }
            else if (map.AnnotatedKeys.Contains(key) || (!strict && !map.ExtensionPrefixes.Contains(key)))
            {
                // Judged by its annotation already, or (described exactly) holding no extension data further down.
            }
            else if (strict && !map.Known.Contains(key))
            {
                if (!May(recipient, UnknownKind) && obj.Remove(name))
                {
                    removed.Add($"{at} {UnknownKind}");
                }
            }
            else if (!map.Opaque.Contains(key))
            {
                Unmatched(obj[name], map, path, at, recipient, removed, strict);
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private void Extensions(JsonObject extensions, string pointer, Recipient recipient, List<string> removed)
    {
        foreach (var name in extensions.Select(m => m.Key).ToList())
        {
            var at = pointer + "/" + StandardRelease.Escape(name);
            if (!_options.Extensions.TryGetValue(name, out var schema))
            {
                // No schema of its own says what it holds: personal data of every kind.
                if (!May(recipient, UnknownKind) && extensions.Remove(name))
                {
                    removed.Add($"{at} {UnknownKind}");
                }

                continue;
            }

            var map = _extensions.GetOrAdd(name, _ => PersonalDataMap.Of(null, null, schema));
            foreach (var (path, kind) in map.Annotated)
            {
                if (!May(recipient, kind))
                {
                    Remove(extensions[name], path, 0, at, removed, kind);
                }
            }

            Unmatched(extensions[name], map, [], at, recipient, removed, strict: true);
        }
    }

    /// <summary>
    /// The personal data <paramref name="message"/> holds, as JSON Pointers with their kind (<c>gewoon</c>,
    /// <c>bijzonder</c>, <c>strafrechtelijk</c>, or <c>onbekend</c> for extension data no schema describes): what a
    /// read that returns the message discloses, for the processing log. Empty for a message that is not an entity of
    /// the standard.
    /// </summary>
    public IReadOnlyList<(string Pointer, string Kind)> PersonalDataIn(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var dataschema = Text(message, "dataschema");
        if (dataschema is null || Standard.FindById(dataschema) is not { } file || !Standard.TryParseId(dataschema, out var release, out _) || message["data"] is not JsonObject data)
        {
            return [];
        }

        // Removing from a copy for a recipient who may have nothing lists exactly what is there.
        var found = new List<string>();
        var copy = (JsonObject)data.DeepClone();
        var map = PersonalDataOf(release, file.Name);
        foreach (var (path, kind) in map.Annotated)
        {
            Remove(copy, path, 0, "/data", found, kind);
        }

        Unmatched(copy, map, [], "/data", Nobody, found, !map.Exact);
        return [.. found.Select(f => (f[..f.LastIndexOf(' ')], f[(f.LastIndexOf(' ') + 1)..]))];
    }

    /// <summary>A recipient registered for no personal data at all.</summary>
    private static readonly Recipient Nobody = new("", "", null, [], [], [], [], "geen");

    private static void Remove(JsonNode? node, string[] path, int at, string pointer, List<string> removed, string kind)
    {
        if (node is null)
        {
            return;
        }

        if (at == path.Length - 1)
        {
            if (node is JsonObject o && o.Remove(path[at]))
            {
                removed.Add($"{pointer}/{StandardRelease.Escape(path[at])} {kind}");
            }

            return;
        }

        if (path[at] == "*" && node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Remove(array[i], path, at + 1, pointer + "/" + i.ToString(CultureInfo.InvariantCulture), removed, kind);
            }
        }
        else if (node is JsonObject o && o[path[at]] is { } child)
        {
            Remove(child, path, at + 1, pointer + "/" + StandardRelease.Escape(path[at]), removed, kind);
        }
    }

    /// <summary>
    /// The places in an entity that hold personal data, read from the <c>persoonsgegeven</c> annotations of its schema in
    /// <paramref name="release"/>, or, when that release has none (1.0), in the newest release of its major line that has
    /// them; then <see cref="PersonalDataMap.Exact"/> is <c>false</c> and members those annotations do not describe count
    /// as personal data of every kind.
    /// </summary>
    internal static PersonalDataMap PersonalDataOf(string release, string entity) =>
        PersonalData.GetOrAdd((release, entity), key =>
        {
            var own = Standard.Release(key.Item1);
            if (Annotated(own))
            {
                return PersonalDataMap.Of(own, own.Schema(key.Item2), own.Schema(key.Item2).Root);
            }

            var newest = Standard.Releases.Where(r => r.Version.Major == own.Version.Major && r.SchemaNames.Contains(key.Item2) && Annotated(r)).MaxBy(r => r.Version);
            if (newest is null)
            {
                // Nothing in the major line says what is personal data: every member of the data counts as such.
                return new PersonalDataMap([], new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), Exact: false);
            }

            return PersonalDataMap.Of(newest, newest.Schema(key.Item2), newest.Schema(key.Item2).Root) with { Exact = false };
        });

    private static bool Annotated(StandardRelease release) =>
        release.Schemas.Any(f => f.Utf8.Span.IndexOf("\"persoonsgegeven\""u8) >= 0);

    private static JsonSchema Envelope(string release) =>
        Envelopes.GetOrAdd(release, name =>
        {
            var registry = new SchemaRegistry();
            foreach (var file in Standard.Release(name).Definitions)
            {
                registry.Register(file.Root);
            }

            return JsonSchema.FromElement(Standard.Release(name).Schema("bericht").Root, new JsonSchemaOptions { AssertFormat = true, Registry = registry });
        });

    // The first place in the data where a learned model made content (a totstandkoming of soort ai, of the whole or of a
    // field), and whether every such place was reviewed by a person (beoordeeld: bevestigd or aangepast).
    private static (string Pointer, bool Reviewed)? ModelContent(JsonObject data)
    {
        string? first = null;
        var reviewed = true;
        var pending = new Stack<(JsonNode Node, string Pointer, bool Origin)>();
        pending.Push((data, "/data", false));
        while (pending.Count > 0)
        {
            var (node, pointer, origin) = pending.Pop();
            if (node is JsonArray array)
            {
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is { } item)
                    {
                        pending.Push((item, $"{pointer}/{i}", false));
                    }
                }

                continue;
            }

            if (node is not JsonObject obj)
            {
                continue;
            }

            if (origin && Text(obj, "soort") == "ai")
            {
                first ??= pointer;
                reviewed &= obj["beoordeeld"]?["uitkomst"] is JsonValue outcome && outcome.TryGetValue<string>(out var said) && said is "bevestigd" or "aangepast";
            }

            foreach (var (name, child) in obj.Reverse())
            {
                if (child is not null)
                {
                    var escaped = name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    pending.Push((child, $"{pointer}/{escaped}", name == "totstandkoming" || (pointer.EndsWith("/veldTotstandkoming", StringComparison.Ordinal) && child is JsonObject)));
                }
            }
        }

        return first is null ? null : (first, reviewed);
    }

    private static string? Text(JsonObject message, string name) =>
        message[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static SharingReason Reason(string code, string english, string dutch) => new(code, new LocalizedText(english, dutch));

    private static SharingDecision Refused(params SharingReason[] reasons) => new(SharingVerdict.Refuse, reasons, null, []);
}

/// <summary>
/// What a schema says about personal data: the annotated places with their kind, every property path it describes
/// (<c>*</c> for array items), the paths of extension objects (<c>uitbreidingen</c>), and the paths whose content it
/// leaves open (such as a geometry's coordinates). Paths are joined with <c>/</c>, unescaped.
/// </summary>
internal sealed record PersonalDataMap(IReadOnlyList<(string[] Path, string Kind)> Annotated, HashSet<string> Known, HashSet<string> Extensions, HashSet<string> Opaque, bool Exact)
{
    private HashSet<string>? _annotatedKeys;
    private HashSet<string>? _extensionPrefixes;

    /// <summary>The annotated paths, joined.</summary>
    public HashSet<string> AnnotatedKeys => _annotatedKeys ??= new HashSet<string>(Annotated.Select(a => string.Join('/', a.Path)), StringComparer.Ordinal);

    /// <summary>Every proper prefix of an extension path: where a walk must go on to reach extension data.</summary>
    public HashSet<string> ExtensionPrefixes => _extensionPrefixes ??= new HashSet<string>(
        Extensions.SelectMany(e => Enumerable.Range(1, e.Split('/').Length - 1).Select(n => string.Join('/', e.Split('/').Take(n)))), StringComparer.Ordinal);

    public static PersonalDataMap Of(StandardRelease? release, StandardFile? file, JsonElement root)
    {
        var map = new PersonalDataMap(new List<(string[] Path, string Kind)>(), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), Exact: true);
        map.Walk(release, file, root, [], 0);
        return map;
    }

    private void Walk(StandardRelease? release, StandardFile? file, JsonElement node, List<string> path, int depth)
    {
        if (node.ValueKind != JsonValueKind.Object || depth > 24)
        {
            return;
        }

        var key = string.Join('/', path);
        if (path.Count > 0 && node.TryGetProperty("persoonsgegeven", out var kind) && kind.ValueKind == JsonValueKind.String)
        {
            ((List<(string[], string)>)Annotated).Add(([.. path], kind.GetString()!));
            return;
        }

        if (path.Count > 0 && path[^1] == "uitbreidingen")
        {
            Extensions.Add(key);
            return;
        }

        if (node.TryGetProperty(KeywordCatalog.Ref.Name, out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            // Inside a release from the file's $id; from an extension's schema only by the standard's absolute $id.
            if (release is not null && release.TryResolve(file, reference.GetString()!, out var target))
            {
                Walk(release, target.File, target.Node, path, depth + 1);
            }
            else if (Standard.TryResolve(reference.GetString()!, out var standard))
            {
                Walk(standard.Release, standard.File, standard.Node, path, depth + 1);
            }
        }

        var described = false;
        if (node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            described = true;
            foreach (var property in properties.EnumerateObject())
            {
                path.Add(property.Name);
                Known.Add(string.Join('/', path));
                Walk(release, file, property.Value, path, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }

        if (node.TryGetProperty("items", out var items))
        {
            described = true;
            path.Add("*");
            Known.Add(string.Join('/', path));
            Walk(release, file, items, path, depth + 1);
            path.RemoveAt(path.Count - 1);
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (node.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array)
            {
                described = true;
                foreach (var branch in branches.EnumerateArray())
                {
                    Walk(release, file, branch, path, depth + 1);
                }
            }
        }

        // A value whose schema has no members of its own to describe (a geometry's coordinates, a free object) is taken
        // as a whole; the enclosing annotation, if any, has judged it.
        if (!described && path.Count > 0 && !node.TryGetProperty(KeywordCatalog.Ref.Name, out _))
        {
            Opaque.Add(key);
        }
    }
}
