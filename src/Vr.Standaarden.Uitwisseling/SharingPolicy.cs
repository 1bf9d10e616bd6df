using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;

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
}

/// <summary>
/// The standard's sharing policy, per message per recipient, with reasons and stable codes:
/// TLP 2.0 (RED only to the OINs in <c>ontvangers</c>; AMBER+STRICT only within the holder's organisation; AMBER to it
/// and its clients; GREEN within a shared community; CLEAR to anyone; the label is never changed), doelbinding (a
/// purpose the recipient is registered for), rubricering (a clearance of at least that level, never derived from TLP),
/// tijdbinding (not after <c>expirytime</c>) and minimisation (properties annotated <c>persoonsgegeven</c> removed unless
/// the recipient may have that kind; the result must still be valid). Thread-safe.
/// </summary>
public sealed class SharingPolicy
{
    /// <summary>The extension attribute a minimised envelope carries.</summary>
    public const string MinimisedAttribute = "geminimaliseerd";

    private static readonly string[] Clearances = ["geen", "DEP-V", "STG-C", "STG-G", "STG-ZG"];
    private static readonly ConcurrentDictionary<(string, string), IReadOnlyList<(string[] Path, string Kind)>> PersonalData = new();
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

    /// <summary>The decision for <paramref name="message"/> (UTF-8 JSON) and the recipient <paramref name="recipientOin"/>.</summary>
    public SharingDecision Decide(ReadOnlySpan<byte> message, string recipientOin)
    {
        ArgumentNullException.ThrowIfNull(recipientOin);
        if (JsonInput.Check(message, InputLimits.Default) is { } problem)
        {
            return Refused(Reason("VR-DEEL-011", $"The message cannot be read: {problem.Text.English}", $"Het bericht is niet te lezen: {problem.Text.Dutch}"));
        }

        return JsonNode.Parse(JsonInput.SkipByteOrderMark(message)) is JsonObject envelope
            ? Decide(envelope, recipientOin)
            : Refused(Reason("VR-DEEL-011", "A message is a JSON object.", "Een bericht is een JSON-object."));
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
        var decision = DecideCore(message, recipientOin);
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

        if (refusals.Count > 0)
        {
            return Refused([.. refusals]);
        }

        return Minimise(message, recipient);
    }

    private static SharingDecision Minimise(JsonObject message, Recipient recipient)
    {
        var dataschema = Text(message, "dataschema");
        if (dataschema is null || Standard.FindById(dataschema) is not { } file || !Standard.TryParseId(dataschema, out var release, out _) || message["data"] is not JsonObject)
        {
            // Not an entity of the standard: nothing is known to be personal data.
            return new SharingDecision(SharingVerdict.Deliver, [], (JsonObject)message.DeepClone(), []);
        }

        var copy = (JsonObject)message.DeepClone();
        var removed = new List<string>();
        foreach (var (path, kind) in PersonalDataOf(release, file.Name))
        {
            if (!recipient.Persoonsgegevens.Contains(kind, StringComparer.Ordinal))
            {
                Remove(copy["data"], path, 0, "/data", removed, kind);
            }
        }

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

    /// <summary>The places in an entity that hold personal data, read from the <c>persoonsgegeven</c> annotations of its schema.</summary>
    internal static IReadOnlyList<(string[] Path, string Kind)> PersonalDataOf(string release, string entity) =>
        PersonalData.GetOrAdd((release, entity), key =>
        {
            var found = new List<(string[], string)>();
            var file = Standard.Release(key.Item1).Schema(key.Item2);
            Walk(Standard.Release(key.Item1), file, file.Root, [], found, 0);
            return found;
        });

    private static void Walk(StandardRelease release, StandardFile file, JsonElement node, List<string> path, List<(string[], string)> found, int depth)
    {
        if (node.ValueKind != JsonValueKind.Object || depth > 24)
        {
            return;
        }

        if (path.Count > 0 && node.TryGetProperty("persoonsgegeven", out var kind) && kind.ValueKind == JsonValueKind.String)
        {
            found.Add(([.. path], kind.GetString()!));
            return;
        }

        if (node.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String &&
            Uri.TryCreate(new Uri(file.Id!), reference.GetString(), out var target) && release.FindById(target.GetLeftPart(UriPartial.Query)) is { } targetFile &&
            StandardRelease.TryNavigate(targetFile.Root, Uri.UnescapeDataString(target.Fragment.TrimStart('#')), out var targetNode))
        {
            Walk(release, targetFile, targetNode, path, found, depth + 1);
        }

        if (node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                path.Add(property.Name);
                Walk(release, file, property.Value, path, found, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }

        if (node.TryGetProperty("items", out var items))
        {
            path.Add("*");
            Walk(release, file, items, path, found, depth + 1);
            path.RemoveAt(path.Count - 1);
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (node.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array)
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    Walk(release, file, branch, path, found, depth + 1);
                }
            }
        }
    }

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

    private static string? Text(JsonObject message, string name) =>
        message[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static SharingReason Reason(string code, string english, string dutch) => new(code, new LocalizedText(english, dutch));

    private static SharingDecision Refused(params SharingReason[] reasons) => new(SharingVerdict.Refuse, reasons, null, []);
}
