using System.Globalization;
using System.Text.Json.Nodes;
using Vr.Standaarden.Begrippen.Geometrie;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt;

/// <summary>Where a value came from: the source, the message, and the message's time.</summary>
/// <param name="Source">The message's <c>source</c>.</param>
/// <param name="MessageId">The message's <c>id</c>.</param>
/// <param name="Time">The message's <c>time</c>.</param>
public sealed record Herkomst(string Source, string MessageId, DateTimeOffset Time);

/// <summary>A field's value with its provenance.</summary>
/// <remarks>
/// The value is kept as its compact JSON text in UTF-8, which holds nothing of the message it came from: a picture of
/// 100,000 incidents keeps a few hundred bytes per source and field, not the messages' parsed documents.
/// <see cref="Value"/> parses a new copy each time it is read, which its reader may change freely. Two values are equal
/// when their provenance, origin and JSON text are.
/// </remarks>
public sealed record FieldValue
{
    private static readonly byte[] Null = "null"u8.ToArray();
    private readonly byte[] _json;

    /// <summary>A field's value with its provenance.</summary>
    /// <param name="Value">The value as in the message's data.</param>
    /// <param name="Herkomst">Where it came from.</param>
    public FieldValue(JsonNode? Value, Herkomst Herkomst)
    {
        _json = Encode(Value);
        this.Herkomst = Herkomst;
    }

    /// <summary>A value kept as the JSON text <see cref="Encode"/> wrote.</summary>
    internal FieldValue(Herkomst herkomst, byte[] json)
    {
        _json = json;
        Herkomst = herkomst;
    }

    /// <summary>The value as in the message's data: a new copy on each read.</summary>
    public JsonNode? Value
    {
        get => JsonNode.Parse(_json);
        init => _json = Encode(value);
    }

    /// <summary>Where it came from.</summary>
    public Herkomst Herkomst { get; init; }

    /// <summary>How the value came about, as its message says (release 1.2's <c>totstandkoming</c>), or <c>null</c>.</summary>
    public FieldOrigin? Origin { get; init; }

    /// <summary>The value's compact JSON text in UTF-8 (<c>null</c> for a JSON null).</summary>
    internal ReadOnlySpan<byte> Json => _json;

    /// <summary>The value when it is a JSON string, else <c>null</c>; read without parsing a node.</summary>
    internal string? Text
    {
        get
        {
            var reader = new System.Text.Json.Utf8JsonReader(_json);
            return reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
        }
    }

    /// <summary>Deconstructs the value and its provenance.</summary>
    /// <param name="Value">A copy of the value.</param>
    /// <param name="Herkomst">Where it came from.</param>
    public void Deconstruct(out JsonNode? Value, out Herkomst Herkomst)
    {
        Value = this.Value;
        Herkomst = this.Herkomst;
    }

    /// <inheritdoc/>
    public bool Equals(FieldValue? other) =>
        other is not null && Herkomst == other.Herkomst && Origin == other.Origin && _json.AsSpan().SequenceEqual(other._json);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Herkomst, Origin, _json.Length);

    /// <summary>The compact JSON text of <paramref name="value"/>, as <see cref="JsonNode.ToJsonString"/> writes it, in UTF-8.</summary>
    internal static byte[] Encode(JsonNode? value)
    {
        if (value is null)
        {
            return Null;
        }

        // One buffer and writer per thread: the record's replay encodes every field of a million messages.
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(256);
        var writer = t_writer ??= new System.Text.Json.Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        value.WriteTo(writer);
        writer.Flush();
        var json = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 65_536)
        {
            // A large value (a detailed area) does not keep its buffer alive on the thread.
            t_buffer = null;
            t_writer = null;
        }

        return json;
    }

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static System.Text.Json.Utf8JsonWriter? t_writer;
}

/// <summary>
/// How a field's value came about (release 1.2's <c>totstandkoming</c>, of the field or of its entity): observed, entered,
/// computed or predicted by a learned model, with the model and the human review when the message names them.
/// </summary>
/// <param name="Soort"><c>waarneming</c>, <c>invoer</c>, <c>berekening</c> or <c>ai</c>.</param>
/// <param name="Model">The model's name, for <c>berekening</c> and <c>ai</c>.</param>
/// <param name="Versie">The model's version.</param>
/// <param name="Beoordeeld">The outcome of a person's review (<c>bevestigd</c>, <c>aangepast</c>, <c>verworpen</c>), or <c>null</c> when none.</param>
public sealed record FieldOrigin(string Soort, string? Model, string? Versie, string? Beoordeeld)
{
    /// <summary>A learned model's value no person confirmed or corrected: it never overrides another source's value.</summary>
    public bool IsUnreviewedModel => Soort == "ai" && Beoordeeld is not ("bevestigd" or "aangepast");

    /// <summary>What the message says at <paramref name="field"/> of its data (a picture field such as <c>grip</c> or <c>tijdstippen.melding</c>): the most specific <c>veldTotstandkoming</c> on its path, else the entity's <c>totstandkoming</c>.</summary>
    internal static FieldOrigin? Of(JsonObject data, string field)
    {
        var path = "/" + field.Replace('.', '/');
        JsonObject? best = null;
        var depth = -1;
        if (data["veldTotstandkoming"] is JsonObject perField)
        {
            foreach (var (pointer, origin) in perField)
            {
                var applies = pointer == path || pointer.StartsWith(path + "/", StringComparison.Ordinal) || path.StartsWith(pointer + "/", StringComparison.Ordinal);
                if (applies && origin is JsonObject o && pointer.Length > depth)
                {
                    best = o;
                    depth = pointer.Length;
                }
            }
        }

        best ??= data["totstandkoming"] as JsonObject;
        return best is not null && (string?)best["soort"] is { } kind
            ? new FieldOrigin(kind, (string?)best["model"]?["naam"], (string?)best["model"]?["versie"], (string?)best["beoordeeld"]?["uitkomst"])
            : null;
    }
}

/// <summary>Sources that disagree on a field: every source's latest value, and why it counts as a contradiction.</summary>
/// <param name="Field">The field (<c>grip</c>, <c>classificatie</c>, <c>locatie</c>, …).</param>
/// <param name="Values">The latest value of each source that disagrees.</param>
/// <param name="Reason">Why, in English (such as "2 sources give 2 values" or "312 m apart, more than 250 m").</param>
public sealed record Contradiction(string Field, IReadOnlyList<FieldValue> Values, string Reason);

/// <summary>
/// A person's resolution of a contradiction, recorded as a <c>besluit</c> message: its
/// <c>uitbreidingen["nl.veiligheidsregio.knooppunt"].oplossingen</c> name the field and the value that counts
/// (<c>[{"veld": "grip", "waarde": "GRIP2"}]</c>) for the besluit's <c>incidentId</c>.
/// </summary>
/// <param name="Field">The field resolved.</param>
/// <param name="Value">The value that counts.</param>
/// <param name="Herkomst">The besluit message that decided it.</param>
/// <param name="BesluitId">The besluit's id.</param>
/// <param name="Team">The team that decided (the besluit's <c>team</c>).</param>
public sealed record Resolution(string Field, JsonNode? Value, Herkomst Herkomst, string BesluitId, string? Team)
{
    /// <summary>
    /// Whether the besluit says its value overrides what the sources gave (<c>"overschrijft": true</c> in its extension);
    /// only then may it choose a value no source reported, and only when its author may (<see cref="SituatiebeeldOptions.MayOverride"/>).
    /// </summary>
    public bool Overrides { get; init; }
}

/// <summary>A besluit that named a contradiction but does not settle it, and why.</summary>
/// <param name="Resolution">What the besluit said.</param>
/// <param name="Reason">Why it does not count, in English (its author may not decide for the incident's region, or it chose a value no source gave).</param>
public sealed record SetAsideResolution(Resolution Resolution, string Reason);

/// <summary>A contradiction a person resolved: the sources still disagree, the resolution says which value counts.</summary>
/// <param name="Contradiction">What the sources say.</param>
/// <param name="Resolution">What was decided; newer than every value in the contradiction.</param>
public sealed record ResolvedContradiction(Contradiction Contradiction, Resolution Resolution);

/// <summary>The latest state of an entity the picture keeps whole (a warning, a capacity, a melding, a besluit, …).</summary>
public sealed class EntityState
{
    // The data's JSON text: nothing of the message it came from stays referenced.
    private readonly byte[] _data;

    internal EntityState(string entity, string id, JsonObject data, Herkomst herkomst, string? tlp)
    {
        Entity = entity;
        Id = id;
        _data = FieldValue.Encode(data);
        Herkomst = herkomst;
        Tlp = tlp;
    }

    /// <summary>The entity's name as in the message type (<c>waarschuwing</c>, <c>capaciteit</c>, …).</summary>
    public string Entity { get; }

    /// <summary>The entity's id as in its data.</summary>
    public string Id { get; }

    /// <summary>Where the latest state came from.</summary>
    public Herkomst Herkomst { get; }

    /// <summary>The <c>tlp</c> of the message that carried it.</summary>
    public string? Tlp { get; }

    /// <summary>A copy of the entity's data.</summary>
    public JsonObject Data => JsonNode.Parse(_data)!.AsObject();

    /// <summary>The message the state came from, rebuilt with the fields a map or list needs (type, source, id, time, tlp, data).</summary>
    public JsonObject ToMessage() => new()
    {
        ["type"] = $"nl.veiligheidsregio.{Entity}.v1",
        ["source"] = Herkomst.Source,
        ["id"] = Herkomst.MessageId,
        ["time"] = Timestamps.Text(Herkomst.Time),
        ["tlp"] = Tlp,
        ["data"] = Data,
    };
}

/// <summary>
/// A terugmelding on a field of an incident that its bronhouder has not handled yet (<c>INGEDIEND</c> or
/// <c>IN_ONDERZOEK</c>): someone doubts the value a message gave the field.
/// </summary>
/// <param name="Id">The terugmelding's id.</param>
/// <param name="Field">The incident field it concerns (the first member of <paramref name="Veld"/>).</param>
/// <param name="Veld">The doubted field as a JSON Pointer into the data of the doubted message.</param>
/// <param name="BerichtSource">The <c>source</c> of the doubted message.</param>
/// <param name="BerichtId">The <c>id</c> of the doubted message.</param>
/// <param name="Status">The state of its handling.</param>
/// <param name="Melder">The OIN of the organisation that doubts the value.</param>
/// <param name="Bronhouder">The OIN of the organisation asked to check it.</param>
/// <param name="Reden">What the doubt rests on.</param>
/// <param name="Herkomst">The message that gave the latest state.</param>
public sealed record OpenTerugmelding(string Id, string Field, string Veld, string BerichtSource, string BerichtId, string Status, string? Melder, string? Bronhouder, string? Reden, Herkomst Herkomst);

/// <summary>
/// What the picture knows of one source: when it last sent, what it declares about how often it updates, how many of its
/// messages came in and how many of them were signed, and how complete its data is against the recommended fields of
/// the standard (<c>aanbevolen</c>, from 1.2).
/// </summary>
/// <param name="Bron">The source (the messages' <c>source</c>).</param>
/// <param name="Laatste">The <c>time</c> of its newest message.</param>
/// <param name="Interval">The update interval its newest message declares (<c>kwaliteit.interval</c>, ISO 8601), or <c>null</c>.</param>
/// <param name="Berichten">How many of its messages the picture took in.</param>
/// <param name="Ondertekend">How many of them carried a signature (<c>jws</c>).</param>
/// <param name="Volledigheid">The mean share of recommended fields present, over its messages whose entity names any; <c>null</c> when none does.</param>
public sealed record Bronstand(string Bron, DateTimeOffset Laatste, string? Interval, int Berichten, int Ondertekend, double? Volledigheid)
{
    /// <summary>How many incidents of the picture the source reported on.</summary>
    public int Incidenten { get; init; }

    /// <summary>How many of those incidents hold an open contradiction in which one of the source's values takes part.</summary>
    public int Tegenstrijdig { get; init; }

    /// <summary>How many open terugmeldingen (<c>INGEDIEND</c>, <c>IN_ONDERZOEK</c>) doubt a field of one of the source's messages.</summary>
    public int Terugmeldingen { get; init; }

    /// <summary>The source's contradiction rate: <see cref="Tegenstrijdig"/> over <see cref="Incidenten"/>; <c>null</c> when it reported on none.</summary>
    public double? Tegenstrijdigheid => Incidenten == 0 ? null : (double)Tegenstrijdig / Incidenten;

    /// <summary>
    /// Whether the source is current at <paramref name="now"/>: it sent within its declared interval (no interval: it
    /// cannot be late). A source silent past its interval is <c>verouderd</c>, the first sign that its system is down.
    /// </summary>
    public bool IsActueel(DateTimeOffset now)
    {
        if (Interval is not { } declared)
        {
            return true;
        }

        try
        {
            return now <= IsoDuration.Add(Laatste, declared);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            // A declaration that cannot be read (or reaches past the calendar) cannot make the source late.
            return true;
        }
    }
}

/// <summary>What changed in a field of an entity between two moments.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Field">The field.</param>
/// <param name="Before">The value at the first moment, or <c>null</c> when the field (or entity) was not there.</param>
/// <param name="After">The value at the second moment, or <c>null</c>.</param>
public sealed record Change(string EntityId, string Field, FieldValue? Before, FieldValue? After);

/// <summary>How a picture merges.</summary>
public sealed class SituatiebeeldOptions
{
    /// <summary>Locations of one incident further apart than this (measured in RD New) are a contradiction; 250 m by default.</summary>
    public double LocationToleranceMetres { get; set; } = 250;

    /// <summary>
    /// Per field, the sources whose value counts first, in order (a source matches when the message's <c>source</c>
    /// starts with it, so an OIN URN names every system of that organisation). A field without authority takes the
    /// latest value by message time.
    /// </summary>
    public IDictionary<string, IList<string>> Authority { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);

    /// <summary>
    /// Per safety region (<c>VR01</c>…<c>VR25</c>, as the incident's <c>veiligheidsregio</c> gives it), the sources whose
    /// <c>besluit</c> may resolve a contradiction of that region's incidents (a source matches when the besluit's
    /// <c>source</c> starts with it, as for <see cref="Authority"/>): the region's own crisis organisation. The key
    /// <c>*</c> names sources that may decide for any incident. An incident that sources place in more than one region
    /// is resolved only by a source every one of those regions allows; one without a region only by <c>*</c>. Empty
    /// by default: then no besluit settles anything, and each is set aside with the reason.
    /// </summary>
    public IDictionary<string, IList<string>> Deciders { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);

    /// <summary>
    /// The sources (prefixes, as for <see cref="Deciders"/>) whose besluit may set a value no source reported, when it
    /// says so (<see cref="Resolution.Overrides"/>). Empty by default: a resolution chooses among the sources' values.
    /// </summary>
    public IList<string> MayOverride { get; } = [];
}

/// <summary>The merged state of one incident: each field's current value and provenance, and the open contradictions.</summary>
public sealed class IncidentState
{
    internal IncidentState(string id, IReadOnlyDictionary<string, FieldValue> fields, IReadOnlyList<Contradiction> contradictions, IReadOnlyList<ResolvedContradiction> resolved, IReadOnlyList<string> sources, string tlp, IReadOnlyList<string> purposes)
    {
        Tlp = tlp;
        Doelbinding = purposes is string[] shared ? Array.AsReadOnly(shared) : purposes;
        Id = id;
        Fields = fields;
        Contradictions = contradictions;
        Resolved = resolved;
        Sources = sources;
    }

    /// <summary>The incident's id as in its data.</summary>
    public string Id { get; }

    /// <summary>The current value of each field, with where it came from.</summary>
    public IReadOnlyDictionary<string, FieldValue> Fields { get; }

    /// <summary>The open contradictions: fields the sources disagree on that no later resolution settled; empty when they agree.</summary>
    public IReadOnlyList<Contradiction> Contradictions { get; }

    /// <summary>Contradictions a person resolved with a <c>besluit</c> (<see cref="Resolution"/>); the field's current value is the resolution's.</summary>
    public IReadOnlyList<ResolvedContradiction> Resolved { get; }

    /// <summary>
    /// The strictest TLP of the messages the state was built from: what is made of the state (a <c>situatiebeeld</c>)
    /// is shared no wider than that.
    /// </summary>
    public string Tlp { get; }

    /// <summary>The purposes (doelbinding) every message the state was built from allows; empty when they share none.</summary>
    public IReadOnlyList<string> Doelbinding { get; }

    /// <summary>The sources that reported on the incident.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>
    /// Besluiten that named an open contradiction but do not settle it (an author who may not decide for the incident's
    /// region, or a value no source gave), with the reason; their contradictions stay in <see cref="Contradictions"/>.
    /// </summary>
    public IReadOnlyList<SetAsideResolution> SetAside { get; init; } = [];

    /// <summary>The terugmeldingen on the incident's fields that are not handled yet, by field.</summary>
    public IReadOnlyList<OpenTerugmelding> Terugmeldingen { get; init; } = [];
}

/// <summary>
/// The situation picture of a knooppunt: incidents merged from every source's incident messages (and from meldingen that
/// name their incident), and the latest state of every other entity (warnings, capacity, meldingen, besluiten, …). Each
/// incident field keeps every source's latest value; the current value is the first authoritative source's
/// (<see cref="SituatiebeeldOptions.Authority"/>) or else the latest. Sources that disagree on GRIP level, classification,
/// phase, crisis type or region, or on a location more than the tolerance apart, give a <see cref="Contradiction"/>; the
/// picture never picks a winner silently for them: a contradiction stays open until a <c>besluit</c> resolves it
/// (<see cref="Resolution"/>), and opens again when a source reports a value after that. Messages can come in any order:
/// a message older than the value it would replace changes nothing. An incident's merged state is computed when asked
/// for and kept until a message about it arrives. Not safe for concurrent use while messages come in.
/// </summary>
public sealed class Situatiebeeld
{
    /// <summary>The type of the messages the picture merges.</summary>
    public const string IncidentType = "nl.veiligheidsregio.incident.v1";

    /// <summary>The extension of a <c>besluit</c> that resolves contradictions (<see cref="Resolution"/>).</summary>
    public const string ResolutionExtension = "nl.veiligheidsregio.knooppunt";

    /// <summary>
    /// The JSON Schema of <see cref="ResolutionExtension"/>: <c>oplossingen</c> (<c>veld</c>, <c>waarde</c>) and
    /// <c>overschrijft</c>. A value may be a location or a time of an incident, so <c>waarde</c> is annotated as ordinary
    /// personal data; give it to a sharing policy (<c>SharingOptions.Extensions</c>) so that resolutions reach recipients
    /// registered for that, instead of being removed as undescribed extension data.
    /// </summary>
    public static System.Text.Json.JsonElement ResolutionExtensionSchema { get; } = System.Text.Json.JsonDocument.Parse("""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {
            "oplossingen": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "veld": { "type": "string" },
                  "waarde": { "persoonsgegeven": "gewoon" }
                },
                "required": ["veld"]
              }
            },
            "overschrijft": { "type": "boolean" }
          }
        }
        """).RootElement.Clone();

    private const string TypePrefix = "nl.veiligheidsregio.";
    private static readonly string[] Compared = ["grip", "classificatie", "fase", "crisistype", "veiligheidsregio"];
    private readonly SituatiebeeldOptions _options;
    // Per incident and field, the latest value of each source that gave one: a field has few sources, so an array
    // searched by source holds them in a fraction of what a dictionary per field would take.
    private readonly Dictionary<string, Dictionary<string, FieldValue[]>> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<Resolution>>> _resolutions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, EntityState>> _entities = new(StringComparer.Ordinal);

    // Warnings their sender withdrew (source and id), with the time of the withdrawal.
    private readonly Dictionary<(string Source, string Id), DateTimeOffset> _withdrawn = [];
    private readonly Dictionary<string, (int Rank, string[] Purposes)> _sharing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string[] Purposes, bool Distinct)> _purposes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncidentState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, OpenTerugmelding>> _terugmeldingen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _terugmeldingIncident = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Last, string? Interval, int Messages, int Signed, double Completeness, int Weighed)> _tallies = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Recommended = new(StringComparer.Ordinal);
    private static readonly string[] TlpOrder = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

    // What the picture derives from all of it, kept until the next change: a read of an unchanged picture scans nothing.
    private long _changes;
    // Kept as the picture changes, so that reading them costs no walk over every incident: the incidents' ids in order,
    // and how often each source appears (once per incident field it reported, once per entity it holds).
    private readonly List<string> _orderedIds = [];
    private readonly Dictionary<string, int> _sourceUses = new(StringComparer.Ordinal);
    private (bool Current, string[] Value) _incidentIds = (false, []);
    private (bool Current, string[] Value) _sources = (false, []);
    private (long At, Bronstand[] Value) _bronnen = (-1, []);

    // The tally of incidents per source, kept as incidents change: what each incident counted for, and which incidents
    // changed since it was last brought up to date.
    private readonly HashSet<string> _changedIncidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string[] Reported, string[] Contradicted, string[] Doubted)> _counted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _contradicted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _doubted = new(StringComparer.Ordinal);

    /// <summary>An empty picture.</summary>
    public Situatiebeeld(SituatiebeeldOptions? options = null) => _options = options ?? new SituatiebeeldOptions();

    /// <summary>How many changes the picture took in: what a reader derived from it holds while this stays the same.</summary>
    internal long Revision => _changes;

    /// <summary>The ids of the incidents in the picture, in order.</summary>
    public IReadOnlyList<string> IncidentIds
    {
        get
        {
            if (!_incidentIds.Current)
            {
                _incidentIds = (true, [.. _orderedIds]);
            }

            return _incidentIds.Value.AsReadOnly();
        }
    }

    /// <summary>Every source that reported on an incident or an entity in the picture, in order.</summary>
    public IReadOnlyList<string> Sources
    {
        get
        {
            if (!_sources.Current)
            {
                _sources = (true, [.. _sourceUses.Keys.Order(StringComparer.Ordinal)]);
            }

            return _sources.Value.AsReadOnly();
        }
    }

    /// <summary>The number of incidents in the picture.</summary>
    public int IncidentCount => _incidents.Count;

    /// <summary>Every source the picture took messages from, with what it knows of each (<see cref="Bronstand"/>), by name.</summary>
    public IReadOnlyList<Bronstand> Bronnen
    {
        get
        {
            if (_bronnen.At != _changes)
            {
                _bronnen = (_changes, Tally());
            }

            return _bronnen.Value.AsReadOnly();
        }
    }

    private Bronstand[] Tally()
    {
        static void Count(Dictionary<string, int> counts, string[] sources, int by)
        {
            foreach (var source in sources)
            {
                var count = counts.GetValueOrDefault(source) + by;
                if (count == 0)
                {
                    counts.Remove(source);
                }
                else
                {
                    counts[source] = count;
                }
            }
        }

        // Only the incidents that changed since the last tally are counted again.
        foreach (var id in _changedIncidents)
        {
            if (_counted.Remove(id, out var before))
            {
                Count(_reported, before.Reported, -1);
                Count(_contradicted, before.Contradicted, -1);
                Count(_doubted, before.Doubted, -1);
            }

            if (Incident(id) is { } incident)
            {
                var now = (
                    incident.Sources.Distinct(StringComparer.Ordinal).ToArray(),
                    incident.Contradictions.SelectMany(c => c.Values.Select(v => v.Herkomst.Source)).Distinct(StringComparer.Ordinal).ToArray(),
                    incident.Terugmeldingen.Select(open => open.BerichtSource).ToArray());
                _counted[id] = now;
                Count(_reported, now.Item1, 1);
                Count(_contradicted, now.Item2, 1);
                Count(_doubted, now.Item3, 1);
            }
        }

        _changedIncidents.Clear();
        return [.. _tallies.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Bronstand(t.Key, t.Value.Last, t.Value.Interval, t.Value.Messages, t.Value.Signed, t.Value.Weighed == 0 ? null : t.Value.Completeness / t.Value.Weighed)
        {
            Incidenten = _reported.GetValueOrDefault(t.Key),
            Tegenstrijdig = _contradicted.GetValueOrDefault(t.Key),
            Terugmeldingen = _doubted.GetValueOrDefault(t.Key),
        })];
    }

    /// <summary>The latest state of every entity of <paramref name="entity"/> (such as <c>waarschuwing</c>), by id.</summary>
    public IReadOnlyList<EntityState> Entities(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _entities.TryGetValue(entity, out var byId) ? [.. byId.Values.OrderBy(e => e.Id, StringComparer.Ordinal)] : [];
    }

    /// <summary>
    /// The picture as it was at <paramref name="until"/>: the messages with <c>time</c> up to then, merged; a message the
    /// picture cannot read (<see cref="Apply"/> would throw) is left out.
    /// </summary>
    public static Situatiebeeld At(IEnumerable<JsonObject> messages, DateTimeOffset until, SituatiebeeldOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var picture = new Situatiebeeld(options);
        foreach (var message in messages)
        {
            PendingChange? change;
            try
            {
                change = Read(message);
            }
            catch (FormatException)
            {
                continue;
            }

            if (change is not null && change.Herkomst.Time <= until)
            {
                picture.Commit(change);
            }
        }

        return picture;
    }

    /// <summary>What changed between <paramref name="before"/> and <paramref name="after"/>, per incident and field.</summary>
    public static IReadOnlyList<Change> Changes(Situatiebeeld before, Situatiebeeld after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<Change>();
        foreach (var id in before.IncidentIds.Union(after.IncidentIds).Order(StringComparer.Ordinal))
        {
            var a = before.Incident(id)?.Fields ?? new Dictionary<string, FieldValue>();
            var b = after.Incident(id)?.Fields ?? new Dictionary<string, FieldValue>();
            foreach (var field in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
            {
                var x = a.GetValueOrDefault(field);
                var y = b.GetValueOrDefault(field);
                if (!JsonNode.DeepEquals(x?.Value, y?.Value) || x is null != y is null)
                {
                    changes.Add(new Change(id, field, x, y));
                }
            }
        }

        return changes;
    }

    /// <summary>
    /// Merges one message; <c>false</c> when it is not a message of the standard with <c>source</c>, <c>id</c>,
    /// <c>time</c> and data with an <c>id</c> (nothing changes).
    /// </summary>
    /// <exception cref="FormatException">
    /// The message has what the picture needs, but in a shape it cannot read (a member of the wrong type, a name given
    /// twice, a location that is no position); the picture is unchanged.
    /// </exception>
    public bool Apply(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Read(message) is not { } change)
        {
            return false;
        }

        Commit(change);
        return true;
    }

    /// <summary>
    /// Reads what <paramref name="message"/> changes without changing anything: <c>null</c> when it is not a message the
    /// picture merges. Everything is read and copied here, so that <see cref="Commit"/> cannot fail halfway.
    /// </summary>
    /// <exception cref="FormatException">The message cannot be read as the picture reads it; the reason is the message.</exception>
    internal static PendingChange? Read(JsonObject message)
    {
        try
        {
            if ((string?)message["type"] is not { } type || EntityOf(type) is not { } entity || message["data"] is not JsonObject data
                || (string?)data["id"] is not { } id || (string?)message["source"] is not { } source || TimeOf(message) is not { } time)
            {
                return null;
            }

            var provenance = new Herkomst(source, (string?)message["id"] ?? "", time);
            var incident = entity switch
            {
                "incident" => id,
                "melding" or "besluit" => (string?)data["incidentId"],
                "terugmelding" => (string?)message["correlationid"],
                _ => null,
            };
            var read = entity switch
            {
                "incident" => IncidentFields(data),
                "melding" when incident is not null => MeldingFields(data),
                _ => null,
            };
            List<(string Field, byte[] Json)>? fields = read is null ? null : [];
            foreach (var (field, value) in read ?? [])
            {
                if (field == "locatie")
                {
                    // A location is compared later; one that cannot be read as a position is refused now.
                    _ = Point(value);
                }

                fields!.Add((field, FieldValue.Encode(value)));
            }

            (List<(string Field, JsonNode? Value)> Values, bool Overrides)? solutions = entity == "besluit" && incident is not null && data["uitbreidingen"]?[ResolutionExtension] is JsonObject extension
                ? ReadSolutions(extension)
                : null;
            var quality = new Quality(message["jws"] is JsonValue, data["kwaliteit"]?["interval"] is JsonValue interval && interval.TryGetValue<string>(out var every) ? every : null,
                Completeness((string?)message["dataschema"], entity, data));
            var change = new PendingChange(entity, id, incident, provenance, (string?)message["tlp"], (string?)message["doelbinding"], fields, solutions,
                entity == "besluit" ? (string?)data["team"] : null, entity == "incident" ? null : data.DeepClone().AsObject(), quality);
            if (fields is not null)
            {
                var origins = new Dictionary<string, FieldOrigin>(StringComparer.Ordinal);
                foreach (var (field, _) in fields)
                {
                    if (FieldOrigin.Of(data, field) is { } origin)
                    {
                        origins[field] = origin;
                    }
                }

                change = change with { Origins = origins.Count > 0 ? origins : null };
            }

            return change;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or OverflowException)
        {
            throw new FormatException($"The message cannot be merged into the picture: {e.Message}", e);
        }
    }

    private static (List<(string Field, JsonNode? Value)> Values, bool Overrides) ReadSolutions(JsonObject extension)
    {
        var values = new List<(string, JsonNode?)>();
        if (extension["oplossingen"] is JsonArray solutions)
        {
            foreach (var solution in solutions.OfType<JsonObject>())
            {
                if ((string?)solution["veld"] is { } field)
                {
                    values.Add((field, solution["waarde"]?.DeepClone()));
                }
            }
        }

        return (values, extension["overschrijft"] is JsonValue overrides && overrides.TryGetValue<bool>(out var yes) && yes);
    }

    // The share of the entity's recommended fields (aanbevolen, in the schema its message names) that the data has.
    private static double? Completeness(string? dataschema, string entity, JsonObject data)
    {
        if (dataschema is null || !Spec.Standard.TryParseId(dataschema, out var release, out _))
        {
            return null;
        }

        var names = Recommended.GetOrAdd(release + " " + entity, _ =>
        {
            var schema = Spec.Standard.Releases.FirstOrDefault(r => r.Name == release)?.Find($"schemas/{entity}.schema.json");
            return schema is not null && JsonNode.Parse(schema.Utf8.Span)?["aanbevolen"] is JsonArray listed
                ? [.. listed.Select(n => (string?)n).OfType<string>()]
                : [];
        });
        return names.Length == 0 ? null : (double)names.Count(data.ContainsKey) / names.Length;
    }

    /// <summary>Applies a change read by <see cref="Read"/>; changes only dictionaries, so it does not fail.</summary>
    internal void Commit(PendingChange change)
    {
        _changes++;
        var tally = _tallies.GetValueOrDefault(change.Herkomst.Source);
        var newest = change.Herkomst.Time >= tally.Last;
        _tallies[change.Herkomst.Source] = (
            newest ? change.Herkomst.Time : tally.Last,
            newest ? change.Quality.Interval ?? tally.Interval : tally.Interval,
            tally.Messages + 1,
            tally.Signed + (change.Quality.Signed ? 1 : 0),
            tally.Completeness + (change.Quality.Completeness ?? 0),
            tally.Weighed + (change.Quality.Completeness is null ? 0 : 1));

        if (change.Fields is { } fields)
        {
            Merge(change.Incident!, fields, change.Herkomst, change.Origins);
            Share(change.Incident!, change.Tlp, change.Doelbinding);
        }

        if (change.Entity == "incident")
        {
            return;
        }

        if (change.Solutions is { } solutions)
        {
            Resolve(change.Incident!, change.Id, change.Team, solutions.Values, solutions.Overrides, change.Herkomst);
        }

        if (!_entities.TryGetValue(change.Entity, out var byId))
        {
            _entities[change.Entity] = byId = new Dictionary<string, EntityState>(StringComparer.Ordinal);
        }

        if (change.Entity == "waarschuwing" && _withdrawn.TryGetValue((change.Herkomst.Source, change.Id), out var cancelled) && cancelled >= change.Herkomst.Time)
        {
            // Its sender withdrew it already (the cancellation came first).
            return;
        }

        if (!byId.TryGetValue(change.Id, out var known) || known.Herkomst.Time <= change.Herkomst.Time)
        {
            if (known is not null)
            {
                ForgetSource(known.Herkomst.Source);
            }

            byId[change.Id] = new EntityState(change.Entity, change.Id, change.Data!, change.Herkomst, change.Tlp);
            UseSource(change.Herkomst.Source);
        }

        if (change.Entity == "kennisgeving" && (string?)change.Data!["soort"] == "INTREKKING" && change.Data["betreft"] is JsonArray concerns)
        {
            Withdraw(concerns, change.Herkomst);
        }

        if (change.Entity == "terugmelding")
        {
            Doubt(change);
        }
    }

    // A terugmelding about a field of a message marks that field of the incident the message is about: the incident its
    // correlationid names, or else the one a field of which that message gave. Its answers (same id, a later status)
    // follow it there; a handled one takes the mark off.
    private void Doubt(PendingChange change)
    {
        var data = change.Data!;
        if (data["bericht"] is not JsonObject message || (string?)message["bron"] is not { } source || (string?)message["id"] is not { } messageId
            || (string?)data["veld"] is not { } pointer || FirstStep(pointer) is not { } field)
        {
            return;
        }

        if (!_terugmeldingIncident.TryGetValue(change.Id, out var incident))
        {
            incident = change.Incident is { } named && _incidents.ContainsKey(named)
                ? named
                : _incidents.FirstOrDefault(i => i.Value.Any(f => f.Value.Any(v => v.Herkomst.Source == source && v.Herkomst.MessageId == messageId))).Key;
            if (incident is null)
            {
                return;
            }

            _terugmeldingIncident[change.Id] = incident;
        }

        if (!_terugmeldingen.TryGetValue(incident, out var open))
        {
            _terugmeldingen[incident] = open = new Dictionary<string, OpenTerugmelding>(StringComparer.Ordinal);
        }

        if (open.TryGetValue(change.Id, out var known) && known.Herkomst.Time > change.Herkomst.Time)
        {
            return;
        }

        open[change.Id] = new OpenTerugmelding(change.Id, field, pointer, source, messageId, (string?)data["status"] ?? "", (string?)data["melder"], (string?)data["bronhouder"], (string?)data["reden"], change.Herkomst);
        Forget(incident);
    }

    // The member of the data a field pointer starts with (unescaped), or null when it is no pointer to a field.
    private static string? FirstStep(string pointer)
    {
        try
        {
            return TerugmeldingRoute.Steps(pointer)[0];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // A kennisgeving INTREKKING takes the warnings it names off the picture: only those of its own source, sent no later
    // than it (the record keeps them). Warnings are kept by their data id, which is what betreft names.
    private void Withdraw(JsonArray concerns, Herkomst by)
    {
        var warnings = _entities.GetValueOrDefault("waarschuwing");
        foreach (var id in concerns.OfType<JsonObject>().Select(c => (string?)c["id"]).OfType<string>())
        {
            var key = (by.Source, id);
            _withdrawn[key] = _withdrawn.TryGetValue(key, out var earlier) && earlier > by.Time ? earlier : by.Time;
            if (warnings is not null && warnings.TryGetValue(id, out var warning) && warning.Herkomst.Source == by.Source && warning.Herkomst.Time <= by.Time)
            {
                warnings.Remove(id);
                ForgetSource(warning.Herkomst.Source);
            }
        }
    }

    /// <summary>The merged state of incident <paramref name="id"/>, or <c>null</c> when no message named it.</summary>
    public IncidentState? Incident(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_states.TryGetValue(id, out var known))
        {
            return known;
        }

        if (!_incidents.TryGetValue(id, out var fields))
        {
            return null;
        }

        var resolutions = _resolutions.GetValueOrDefault(id);
        var current = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        var contradictions = new List<Contradiction>();
        var resolved = new List<ResolvedContradiction>();
        var setAside = new List<SetAsideResolution>();
        foreach (var (field, bySource) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            current[field] = Current(field, bySource);
            if (Contradicts(field, [.. bySource.OrderBy(v => v.Herkomst.Source, StringComparer.Ordinal)]) is not { } contradiction)
            {
                continue;
            }

            // The newest besluit that may settle it counts; one that may not never undoes an earlier one that may.
            Resolution? settled = null;
            foreach (var resolution in resolutions?.GetValueOrDefault(field) ?? [])
            {
                if (contradiction.Values.Any(v => v.Herkomst.Time > resolution.Herkomst.Time))
                {
                    break;
                }

                if (SetAside(resolution, contradiction, fields) is { } reason)
                {
                    setAside.Add(new SetAsideResolution(resolution, reason));
                    continue;
                }

                settled = resolution;
                break;
            }

            if (settled is not null)
            {
                resolved.Add(new ResolvedContradiction(contradiction, settled));
                current[field] = new FieldValue(settled.Value, settled.Herkomst);
            }
            else
            {
                contradictions.Add(contradiction);
            }
        }

        // Read through the pairs: a dictionary's Keys and Values are objects it keeps once asked for.
        var sources = fields.SelectMany(f => f.Value.Select(v => v.Herkomst.Source)).Distinct().Order(StringComparer.Ordinal).ToList();
        var sharing = _sharing.GetValueOrDefault(id, (TlpOrder.Length - 1, []));
        var doubts = _terugmeldingen.GetValueOrDefault(id)?.Values.Where(t => t.Status is "INGEDIEND" or "IN_ONDERZOEK")
            .OrderBy(t => t.Field, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal).ToList() ?? [];
        return _states[id] = new IncidentState(id, current, contradictions, resolved, sources, TlpOrder[sharing.Rank], sharing.Purposes) { SetAside = setAside, Terugmeldingen = doubts };
    }

    /// <summary>Why <paramref name="resolution"/> does not settle <paramref name="contradiction"/>, or <c>null</c> when it does.</summary>
    private string? SetAside(Resolution resolution, Contradiction contradiction, Dictionary<string, FieldValue[]> fields)
    {
        var author = resolution.Herkomst.Source;
        var regions = fields.GetValueOrDefault("veiligheidsregio")?
            .Select(v => v.Text)
            .Distinct(StringComparer.Ordinal).ToList() ?? [];
        bool Allowed(string? region) =>
            (_options.Deciders.TryGetValue("*", out var any) && any.Any(p => author.StartsWith(p, StringComparison.Ordinal)))
            || (region is not null && _options.Deciders.TryGetValue(region, out var own) && own.Any(p => author.StartsWith(p, StringComparison.Ordinal)));
        if (regions.Count == 0 ? !Allowed(null) : !regions.All(Allowed))
        {
            var named = regions.Count == 0 ? "no region" : string.Join(", ", regions.Select(r => r ?? "?"));
            return $"{author} may not decide for incidents of {named} (SituatiebeeldOptions.Deciders).";
        }

        if (contradiction.Values.Any(v => JsonNode.DeepEquals(v.Value, resolution.Value)))
        {
            return null;
        }

        if (!resolution.Overrides)
        {
            return $"The besluit chooses {resolution.Value?.ToJsonString() ?? "null"}, which no source gave, without saying that it overrides them.";
        }

        return _options.MayOverride.Any(p => author.StartsWith(p, StringComparison.Ordinal))
            ? null
            : $"{author} may not override the sources' values (SituatiebeeldOptions.MayOverride).";
    }

    private void Share(string incident, string? tlp, string? doelbinding)
    {
        Forget(incident);
        var rank = Array.IndexOf(TlpOrder, tlp == "TLP:WHITE" ? "TLP:CLEAR" : tlp);
        rank = rank < 0 ? TlpOrder.Length - 1 : rank;
        var (purposes, distinct) = Purposes(doelbinding ?? "");
        if (!_sharing.TryGetValue(incident, out var known))
        {
            _sharing[incident] = (rank, purposes);
            return;
        }

        // Most messages of an incident name the purposes its first did: the same array, which names each once, is kept.
        if (ReferenceEquals(known.Purposes, purposes) && distinct)
        {
            _sharing[incident] = (Math.Max(known.Rank, rank), purposes);
            return;
        }

        string[] kept = [.. known.Purposes.Intersect(purposes, StringComparer.Ordinal)];
        _sharing[incident] = (Math.Max(known.Rank, rank), distinct && kept.AsSpan().SequenceEqual(purposes) ? purposes : kept);
    }

    // A doelbinding's purposes, one array for each text the picture met, and whether no purpose is named twice.
    private (string[] Purposes, bool Distinct) Purposes(string doelbinding)
    {
        if (!_purposes.TryGetValue(doelbinding, out var known))
        {
            var purposes = doelbinding.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            known = (purposes, purposes.Distinct(StringComparer.Ordinal).Count() == purposes.Length);
            if (_purposes.Count < 1024)
            {
                _purposes[doelbinding] = known;
            }
        }

        return known;
    }

    private void Merge(string id, List<(string Field, byte[] Json)> values, Herkomst provenance, IReadOnlyDictionary<string, FieldOrigin>? origins)
    {
        Forget(id);
        if (!_incidents.TryGetValue(id, out var fields))
        {
            _incidents[id] = fields = new Dictionary<string, FieldValue[]>(StringComparer.Ordinal);
            var at = _orderedIds.BinarySearch(id, StringComparer.Ordinal);
            _orderedIds.Insert(at < 0 ? ~at : at, id);
            _incidentIds = (false, []);
        }

        foreach (var (field, value) in values)
        {
            var bySource = fields.GetValueOrDefault(field) ?? [];
            var at = Array.FindIndex(bySource, v => v.Herkomst.Source == provenance.Source);
            if (at >= 0 && bySource[at].Herkomst.Time > provenance.Time)
            {
                continue;
            }

            if (at < 0)
            {
                UseSource(provenance.Source);
                Array.Resize(ref bySource, bySource.Length + 1);
                at = bySource.Length - 1;
                fields[field] = bySource;
            }

            bySource[at] = new FieldValue(provenance, value) { Origin = origins?.GetValueOrDefault(field) };
        }
    }

    // The incident's merged state is made again when it is next asked for, and it is counted again in the tally.
    private void Forget(string incident)
    {
        _states.Remove(incident);
        _changedIncidents.Add(incident);
    }

    private void UseSource(string source)
    {
        var uses = _sourceUses.GetValueOrDefault(source);
        _sourceUses[source] = uses + 1;
        if (uses == 0)
        {
            _sources = (false, []);
        }
    }

    private void ForgetSource(string source)
    {
        var uses = _sourceUses.GetValueOrDefault(source) - 1;
        if (uses > 0)
        {
            _sourceUses[source] = uses;
        }
        else
        {
            _sourceUses.Remove(source);
            _sources = (false, []);
        }
    }

    private void Resolve(string incident, string besluitId, string? team, List<(string Field, JsonNode? Value)> solutions, bool overrides, Herkomst provenance)
    {
        Forget(incident);
        if (!_resolutions.TryGetValue(incident, out var byField))
        {
            _resolutions[incident] = byField = new Dictionary<string, List<Resolution>>(StringComparer.Ordinal);
        }

        foreach (var (field, value) in solutions)
        {
            if (!byField.TryGetValue(field, out var list))
            {
                byField[field] = list = [];
            }

            // Newest first; a besluit given again (the same id) replaces itself.
            list.RemoveAll(r => r.BesluitId == besluitId && r.Herkomst.Source == provenance.Source && r.Herkomst.Time <= provenance.Time);
            var at = list.FindIndex(r => r.Herkomst.Time <= provenance.Time);
            list.Insert(at < 0 ? list.Count : at, new Resolution(field, value, provenance, besluitId, team) { Overrides = overrides });
        }
    }

    private FieldValue Current(string field, IEnumerable<FieldValue> values)
    {
        // A learned model's value that no person reviewed never overrides a value from a person or an observation.
        var list = values.ToList();
        if (list.Any(v => v.Origin is not { IsUnreviewedModel: true }))
        {
            list = [.. list.Where(v => v.Origin is not { IsUnreviewedModel: true })];
        }

        if (_options.Authority.TryGetValue(field, out var authorities))
        {
            foreach (var authority in authorities)
            {
                var value = list.Where(v => v.Herkomst.Source.StartsWith(authority, StringComparison.Ordinal)).MaxBy(v => v.Herkomst.Time);
                if (value is not null)
                {
                    return value;
                }
            }
        }

        return list.MaxBy(v => v.Herkomst.Time)!;
    }

    // A contradiction with a learned model's unreviewed value says so: that value is never the current one.
    private Contradiction? Contradicts(string field, List<FieldValue> values)
    {
        var found = ContradictsCore(field, values);
        return found is not null && found.Values.Any(v => v.Origin is { IsUnreviewedModel: true })
            ? found with { Reason = found.Reason + " One of them is a learned model's that no person reviewed; it does not count as the current value." }
            : found;
    }

    private Contradiction? ContradictsCore(string field, List<FieldValue> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        if (field == "locatie")
        {
            var points = values.Select(v => (Value: v, Point: Point(v.Value))).Where(p => p.Point is not null).ToList();
            double widest = 0;
            for (var i = 0; i < points.Count; i++)
            {
                for (var j = i + 1; j < points.Count; j++)
                {
                    widest = Math.Max(widest, Distance(points[i].Point!.Value, points[j].Point!.Value));
                }
            }

            return widest > _options.LocationToleranceMetres
                ? new Contradiction(field, [.. points.Select(p => p.Value)], string.Create(CultureInfo.InvariantCulture, $"The sources' locations are {widest:0} m apart, more than {_options.LocationToleranceMetres:0} m."))
                : null;
        }

        if (Array.IndexOf(Compared, field) < 0)
        {
            return null;
        }

        // Compared as the JSON texts the picture keeps, without making strings of them.
        var distinct = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = values[j].Json.SequenceEqual(values[i].Json);
            }

            distinct += seen ? 0 : 1;
        }

        return distinct > 1 ? new Contradiction(field, values, $"{values.Count} sources give {distinct} different values.") : null;
    }

    /// <summary>The entity of a message type of the standard (<c>nl.veiligheidsregio.&lt;entity&gt;.v&lt;major&gt;</c>).</summary>
    internal static string? EntityOf(string type)
    {
        if (!type.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = type.AsSpan(TypePrefix.Length);
        var dot = rest.IndexOf('.');
        return dot > 0 && rest[(dot + 1)..] is ['v', _, ..] ? rest[..dot].ToString() : null;
    }

    /// <summary>What a melding that names its incident says about it: classification, location, times.</summary>
    private static IEnumerable<(string Field, JsonNode? Value)> MeldingFields(JsonObject data)
    {
        if (data["classificatie"] is { } classification)
        {
            yield return ("classificatie", classification);
        }

        if (data["locatie"] is JsonObject location)
        {
            yield return ("locatie", location);
        }

        if (data["tijdstippen"] is JsonObject times)
        {
            foreach (var name in new[] { "melding", "alarmering" })
            {
                if (times[name] is { } value)
                {
                    yield return ($"tijdstippen.{name}", value);
                }
            }
        }
    }

    /// <summary>The fields of an incident's data the picture tracks.</summary>
    private static IEnumerable<(string Field, JsonNode? Value)> IncidentFields(JsonObject data)
    {
        if (data["grip"]?["niveau"] is { } grip)
        {
            yield return ("grip", grip);
        }

        foreach (var name in new[] { "classificatie", "fase", "crisistype", "veiligheidsregio", "disciplines" })
        {
            if (data[name] is { } value)
            {
                yield return (name, value);
            }
        }

        if (data["locatie"] is JsonObject location)
        {
            yield return ("locatie", location);
        }

        if (data["tijdstippen"] is JsonObject times)
        {
            foreach (var (name, value) in times)
            {
                yield return ($"tijdstippen.{name}", value);
            }
        }
    }

    /// <summary>
    /// A location's point (a point, or the first position of another geometry): in RD New when it was given in RD or lies
    /// in the Netherlands, else in degrees only: a location abroad is never forced through RD, which is defined only here.
    /// </summary>
    private static LocationPoint? Point(JsonNode? location)
    {
        var coordinates = location?["geometrie"]?["coordinates"];
        while (coordinates is JsonArray { Count: > 0 } array && array[0] is JsonArray inner)
        {
            coordinates = inner;
        }

        if (coordinates is not JsonArray { Count: >= 2 } position)
        {
            return null;
        }

        double Number(JsonNode? n) => double.Parse(n!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        var (a, b) = (Number(position[0]), Number(position[1]));
        var crs = (string?)location!["crs"] is { } code ? CoordinateReferenceSystem.FromCode(code) : CoordinateReferenceSystem.Crs84;
        if (crs.Srid == 28992)
        {
            var rd = new RdCoordinate(a, b);
            return new LocationPoint(rd, RdTransformation.ToWgs84(rd));
        }

        var degrees = crs.AxisOrder == AxisOrder.NorthEast ? new GeographicCoordinate(a, b) : new GeographicCoordinate(b, a);
        return NetherlandsArea.Check(degrees.Longitude, degrees.Latitude, CoordinateReferenceSystem.Crs84, AreaLevel.Lenient).IsInside
            ? new LocationPoint(RdTransformation.FromWgs84(degrees), degrees)
            : new LocationPoint(null, degrees);
    }

    /// <summary>A location as compared: its RD point where it has one, and its position in degrees.</summary>
    private readonly record struct LocationPoint(RdCoordinate? Rd, GeographicCoordinate Degrees);

    /// <summary>
    /// Metres between two locations: in the RD plane when both have an RD point (as before, exact to the metre in the
    /// Netherlands), else along the Earth (haversine on a sphere of the mean radius; within 0.5 %).
    /// </summary>
    private static double Distance(LocationPoint a, LocationPoint b)
    {
        if (a.Rd is { } p && b.Rd is { } q)
        {
            return Math.Sqrt(((p.X - q.X) * (p.X - q.X)) + ((p.Y - q.Y) * (p.Y - q.Y)));
        }

        const double Radius = 6_371_008.8;
        var (lat1, lat2) = (a.Degrees.Latitude * Math.PI / 180, b.Degrees.Latitude * Math.PI / 180);
        var (dLat, dLon) = (lat2 - lat1, (b.Degrees.Longitude - a.Degrees.Longitude) * Math.PI / 180);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * Radius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static DateTimeOffset? TimeOf(JsonObject message) =>
        DateTimeOffset.TryParse((string?)message["time"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}

/// <summary>What one message changes in a picture, read and copied in full before anything changes.</summary>
internal sealed record PendingChange(
    string Entity,
    string Id,
    string? Incident,
    Herkomst Herkomst,
    string? Tlp,
    string? Doelbinding,
    List<(string Field, byte[] Json)>? Fields,
    (List<(string Field, JsonNode? Value)> Values, bool Overrides)? Solutions,
    string? Team,
    JsonObject? Data,
    Quality Quality)
{
    /// <summary>How each of <see cref="Fields"/> came about, where the message says so.</summary>
    public IReadOnlyDictionary<string, FieldOrigin>? Origins { get; init; }
}

/// <summary>What a message says about its source's quality: signed, the declared update interval, the completeness of its data.</summary>
internal readonly record struct Quality(bool Signed, string? Interval, double? Completeness);
