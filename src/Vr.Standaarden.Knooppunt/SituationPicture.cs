using System.Globalization;
using System.Text.Json.Nodes;
using Vr.Standaarden.Begrippen.Geometrie;

namespace Vr.Standaarden.Knooppunt;

/// <summary>Where a value came from: the source, the message, and the message's time.</summary>
/// <param name="Source">The message's <c>source</c>.</param>
/// <param name="MessageId">The message's <c>id</c>.</param>
/// <param name="Time">The message's <c>time</c>.</param>
public sealed record Provenance(string Source, string MessageId, DateTimeOffset Time);

/// <summary>A field's value with its provenance.</summary>
/// <param name="Value">The value as in the message's data.</param>
/// <param name="Herkomst">Where it came from.</param>
public sealed record FieldValue(JsonNode? Value, Provenance Herkomst);

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
public sealed record Resolution(string Field, JsonNode? Value, Provenance Herkomst, string BesluitId, string? Team);

/// <summary>A contradiction a person resolved: the sources still disagree, the resolution says which value counts.</summary>
/// <param name="Contradiction">What the sources say.</param>
/// <param name="Resolution">What was decided; newer than every value in the contradiction.</param>
public sealed record ResolvedContradiction(Contradiction Contradiction, Resolution Resolution);

/// <summary>The latest state of an entity the picture keeps whole (a warning, a capacity, a melding, a besluit, …).</summary>
public sealed class EntityState
{
    private readonly JsonObject _data;

    internal EntityState(string entity, string id, JsonObject data, Provenance herkomst, string? tlp)
    {
        Entity = entity;
        Id = id;
        _data = data;
        Herkomst = herkomst;
        Tlp = tlp;
    }

    /// <summary>The entity's name as in the message type (<c>waarschuwing</c>, <c>capaciteit</c>, …).</summary>
    public string Entity { get; }

    /// <summary>The entity's id as in its data.</summary>
    public string Id { get; }

    /// <summary>Where the latest state came from.</summary>
    public Provenance Herkomst { get; }

    /// <summary>The <c>tlp</c> of the message that carried it.</summary>
    public string? Tlp { get; }

    /// <summary>A copy of the entity's data.</summary>
    public JsonObject Data => _data.DeepClone().AsObject();

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

/// <summary>What changed in a field of an entity between two moments.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Field">The field.</param>
/// <param name="Before">The value at the first moment, or <c>null</c> when the field (or entity) was not there.</param>
/// <param name="After">The value at the second moment, or <c>null</c>.</param>
public sealed record Change(string EntityId, string Field, FieldValue? Before, FieldValue? After);

/// <summary>How a picture merges.</summary>
public sealed class PictureOptions
{
    /// <summary>Locations of one incident further apart than this (measured in RD New) are a contradiction; 250 m by default.</summary>
    public double LocationToleranceMetres { get; set; } = 250;

    /// <summary>
    /// Per field, the sources whose value counts first, in order (a source matches when the message's <c>source</c>
    /// starts with it, so an OIN URN names every system of that organisation). A field without authority takes the
    /// latest value by message time.
    /// </summary>
    public IDictionary<string, IList<string>> Authority { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
}

/// <summary>The merged state of one incident: each field's current value and provenance, and the open contradictions.</summary>
public sealed class IncidentState
{
    internal IncidentState(string id, IReadOnlyDictionary<string, FieldValue> fields, IReadOnlyList<Contradiction> contradictions, IReadOnlyList<ResolvedContradiction> resolved, IReadOnlyList<string> sources, string tlp, IReadOnlyList<string> purposes)
    {
        Tlp = tlp;
        Doelbinding = purposes;
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
}

/// <summary>
/// The situation picture of a knooppunt: incidents merged from every source's incident messages (and from meldingen that
/// name their incident), and the latest state of every other entity (warnings, capacity, meldingen, besluiten, …). Each
/// incident field keeps every source's latest value; the current value is the first authoritative source's
/// (<see cref="PictureOptions.Authority"/>) or else the latest. Sources that disagree on GRIP level, classification,
/// phase, crisis type or region, or on a location more than the tolerance apart, give a <see cref="Contradiction"/>; the
/// picture never picks a winner silently for them: a contradiction stays open until a <c>besluit</c> resolves it
/// (<see cref="Resolution"/>), and opens again when a source reports a value after that. Messages can come in any order:
/// a message older than the value it would replace changes nothing. An incident's merged state is computed when asked
/// for and kept until a message about it arrives. Not safe for concurrent use while messages come in.
/// </summary>
public sealed class SituationPicture
{
    /// <summary>The type of the messages the picture merges.</summary>
    public const string IncidentType = "nl.veiligheidsregio.incident.v1";

    /// <summary>The extension of a <c>besluit</c> that resolves contradictions (<see cref="Resolution"/>).</summary>
    public const string ResolutionExtension = "nl.veiligheidsregio.knooppunt";

    private const string TypePrefix = "nl.veiligheidsregio.";
    private static readonly string[] Compared = ["grip", "classificatie", "fase", "crisistype", "veiligheidsregio"];
    private readonly PictureOptions _options;
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, FieldValue>>> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Resolution>> _resolutions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, EntityState>> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Rank, string[] Purposes)> _sharing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncidentState> _states = new(StringComparer.Ordinal);
    private static readonly string[] TlpOrder = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

    /// <summary>An empty picture.</summary>
    public SituationPicture(PictureOptions? options = null) => _options = options ?? new PictureOptions();

    /// <summary>The ids of the incidents in the picture, in order.</summary>
    public IReadOnlyList<string> IncidentIds => [.. _incidents.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Every source that reported on an incident or an entity in the picture, in order.</summary>
    public IReadOnlyList<string> Sources =>
        [.. _incidents.Values.SelectMany(f => f.Values).SelectMany(b => b.Keys).Concat(_entities.Values.SelectMany(byId => byId.Values).Select(e => e.Herkomst.Source)).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The number of incidents in the picture.</summary>
    public int IncidentCount => _incidents.Count;

    /// <summary>The latest state of every entity of <paramref name="entity"/> (such as <c>waarschuwing</c>), by id.</summary>
    public IReadOnlyList<EntityState> Entities(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _entities.TryGetValue(entity, out var byId) ? [.. byId.Values.OrderBy(e => e.Id, StringComparer.Ordinal)] : [];
    }

    /// <summary>The picture as it was at <paramref name="until"/>: the messages with <c>time</c> up to then, merged.</summary>
    public static SituationPicture At(IEnumerable<JsonObject> messages, DateTimeOffset until, PictureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var picture = new SituationPicture(options);
        foreach (var message in messages)
        {
            if (TimeOf(message) is { } time && time <= until)
            {
                picture.Apply(message);
            }
        }

        return picture;
    }

    /// <summary>What changed between <paramref name="before"/> and <paramref name="after"/>, per incident and field.</summary>
    public static IReadOnlyList<Change> Changes(SituationPicture before, SituationPicture after)
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
    public bool Apply(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if ((string?)message["type"] is not { } type || EntityOf(type) is not { } entity || message["data"] is not JsonObject data
            || (string?)data["id"] is not { } id || (string?)message["source"] is not { } source || TimeOf(message) is not { } time)
        {
            return false;
        }

        var provenance = new Provenance(source, (string?)message["id"] ?? "", time);
        switch (entity)
        {
            case "incident":
                Merge(id, IncidentFields(data), provenance);
                Share(id, message);
                return true;
            case "melding" when (string?)data["incidentId"] is { } incident:
                Merge(incident, MeldingFields(data), provenance);
                Share(incident, message);
                break;
            case "besluit" when (string?)data["incidentId"] is { } incident:
                Resolve(incident, data, provenance);
                break;
        }

        if (!_entities.TryGetValue(entity, out var byId))
        {
            _entities[entity] = byId = new Dictionary<string, EntityState>(StringComparer.Ordinal);
        }

        if (!byId.TryGetValue(id, out var known) || known.Herkomst.Time <= time)
        {
            byId[id] = new EntityState(entity, id, data.DeepClone().AsObject(), provenance, (string?)message["tlp"]);
        }

        return true;
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
        foreach (var (field, bySource) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            current[field] = Current(field, bySource.Values);
            if (Contradicts(field, [.. bySource.Values.OrderBy(v => v.Herkomst.Source, StringComparer.Ordinal)]) is not { } contradiction)
            {
                continue;
            }

            if (resolutions?.GetValueOrDefault(field) is { } resolution && contradiction.Values.All(v => v.Herkomst.Time <= resolution.Herkomst.Time))
            {
                resolved.Add(new ResolvedContradiction(contradiction, resolution));
                current[field] = new FieldValue(resolution.Value?.DeepClone(), resolution.Herkomst);
            }
            else
            {
                contradictions.Add(contradiction);
            }
        }

        var sources = fields.Values.SelectMany(f => f.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var sharing = _sharing.GetValueOrDefault(id, (TlpOrder.Length - 1, []));
        return _states[id] = new IncidentState(id, current, contradictions, resolved, sources, TlpOrder[sharing.Rank], sharing.Purposes);
    }

    private void Share(string incident, JsonObject message)
    {
        _states.Remove(incident);
        var rank = Array.IndexOf(TlpOrder, (string?)message["tlp"] == "TLP:WHITE" ? "TLP:CLEAR" : (string?)message["tlp"]);
        rank = rank < 0 ? TlpOrder.Length - 1 : rank;
        var purposes = ((string?)message["doelbinding"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _sharing[incident] = _sharing.TryGetValue(incident, out var known)
            ? (Math.Max(known.Rank, rank), [.. known.Purposes.Intersect(purposes, StringComparer.Ordinal)])
            : (rank, purposes);
    }

    private void Merge(string id, IEnumerable<(string Field, JsonNode? Value)> values, Provenance provenance)
    {
        _states.Remove(id);
        if (!_incidents.TryGetValue(id, out var fields))
        {
            _incidents[id] = fields = new Dictionary<string, Dictionary<string, FieldValue>>(StringComparer.Ordinal);
        }

        foreach (var (field, value) in values)
        {
            if (!fields.TryGetValue(field, out var bySource))
            {
                fields[field] = bySource = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
            }

            if (!bySource.TryGetValue(provenance.Source, out var known) || known.Herkomst.Time <= provenance.Time)
            {
                bySource[provenance.Source] = new FieldValue(value?.DeepClone(), provenance);
            }
        }
    }

    private void Resolve(string incident, JsonObject besluit, Provenance provenance)
    {
        _states.Remove(incident);
        if (besluit["uitbreidingen"]?[ResolutionExtension]?["oplossingen"] is not JsonArray solutions)
        {
            return;
        }

        if (!_resolutions.TryGetValue(incident, out var byField))
        {
            _resolutions[incident] = byField = new Dictionary<string, Resolution>(StringComparer.Ordinal);
        }

        foreach (var solution in solutions.OfType<JsonObject>())
        {
            if ((string?)solution["veld"] is { } field && (!byField.TryGetValue(field, out var known) || known.Herkomst.Time <= provenance.Time))
            {
                byField[field] = new Resolution(field, solution["waarde"]?.DeepClone(), provenance, (string?)besluit["id"] ?? "", (string?)besluit["team"]);
            }
        }
    }

    private FieldValue Current(string field, IEnumerable<FieldValue> values)
    {
        var list = values.ToList();
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

    private Contradiction? Contradicts(string field, List<FieldValue> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        if (field == "locatie")
        {
            var points = values.Select(v => (Value: v, Rd: Rd(v.Value))).Where(p => p.Rd is not null).ToList();
            double widest = 0;
            for (var i = 0; i < points.Count; i++)
            {
                for (var j = i + 1; j < points.Count; j++)
                {
                    var (a, b) = (points[i].Rd!.Value, points[j].Rd!.Value);
                    widest = Math.Max(widest, Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y))));
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

        var distinct = values.Select(v => v.Value?.ToJsonString() ?? "null").Distinct(StringComparer.Ordinal).Count();
        return distinct > 1 ? new Contradiction(field, values, $"{values.Count} sources give {distinct} different values.") : null;
    }

    /// <summary>The entity of a message type of the standard (<c>nl.veiligheidsregio.&lt;entity&gt;.v&lt;major&gt;</c>).</summary>
    private static string? EntityOf(string type)
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

    /// <summary>A location's point in RD New (a point, or the first position of another geometry).</summary>
    private static RdCoordinate? Rd(JsonNode? location)
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
            return new RdCoordinate(a, b);
        }

        return RdTransformation.FromWgs84(crs.AxisOrder == AxisOrder.NorthEast ? new GeographicCoordinate(a, b) : new GeographicCoordinate(b, a));
    }

    private static DateTimeOffset? TimeOf(JsonObject message) =>
        DateTimeOffset.TryParse((string?)message["time"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}
