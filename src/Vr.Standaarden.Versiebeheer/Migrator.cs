using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer;

/// <summary>A member a migration dropped: where it was, its value, and the reason the migration file states.</summary>
public sealed record DroppedMember(string Location, JsonNode? Value, string Reason);

/// <summary>Why a message could not be migrated (or is invalid after): where, as a JSON Pointer in the message, and what.</summary>
public sealed record MigrationProblem(string Location, string Message)
{
    /// <summary><c>&lt;pointer&gt;: &lt;message&gt;</c>.</summary>
    public override string ToString() => $"{(Location.Length == 0 ? "(message)" : Location)}: {Message}";
}

/// <summary>The outcome of migrating one message.</summary>
/// <param name="Message">The migrated message, naming its new <c>dataschema</c>; <c>null</c> when it could not be migrated at all.</param>
/// <param name="From">The release the message was of, when it could be told.</param>
/// <param name="To">The release migrated to.</param>
/// <param name="Dropped">Every member a step dropped, with its reason: nothing is dropped silently.</param>
/// <param name="Problems">What prevented the migration, or where the result is invalid under <paramref name="To"/>.</param>
public sealed record MigrationResult(JsonObject? Message, string? From, string To, IReadOnlyList<DroppedMember> Dropped, IReadOnlyList<MigrationProblem> Problems)
{
    /// <summary>Whether there is a migrated message and it is valid under the target release.</summary>
    public bool Succeeded => Message is not null && Problems.Count == 0;
}

/// <summary>
/// Moves messages from their release to a later one by the migration files of the releases in between (a release
/// without a file is a step that only changes <c>dataschema</c>, within a major line; a file from an earlier minor
/// release of the line serves the later ones, which only added), and validates the result.
/// </summary>
public sealed class Migrator
{
    private readonly List<StandardRelease> _releases;
    private readonly Dictionary<(ReleaseVersion, ReleaseVersion), Migration?> _migrations = [];
    private readonly Dictionary<ReleaseVersion, JsonSchema?> _envelopes = [];

    /// <summary>A migrator over <paramref name="releases"/>, such as <see cref="Standard.Releases"/> or release folders read with <see cref="StandardRelease.Load(string)"/>.</summary>
    public Migrator(IEnumerable<StandardRelease> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        _releases = [.. releases.OrderBy(r => r.Version)];
    }

    /// <summary>A migrator over the releases this package holds.</summary>
    public static Migrator Embedded { get; } = new(Standard.Releases);

    /// <summary>
    /// The migration from <paramref name="from"/> to the release after it, <paramref name="to"/>: its file
    /// <c>migraties/van-&lt;from&gt;.json</c> read and checked, or <c>null</c> when there is none.
    /// </summary>
    /// <exception cref="ReleaseFolderException">The file is not a usable migration.</exception>
    public Migration? MigrationBetween(StandardRelease from, StandardRelease to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (!_migrations.TryGetValue((from.Version, to.Version), out var migration))
        {
            var file = to.Find($"migraties/van-{from.Name}.json");
            _migrations[(from.Version, to.Version)] = migration = file is null ? null : Migration.Read(file, from, to);
        }

        return migration;
    }

    /// <summary>
    /// The migration into <paramref name="to"/> for a message at <paramref name="at"/>: its file from <paramref name="at"/>,
    /// or else the one from the newest earlier release of the same major line (the minor releases between only added).
    /// </summary>
    private Migration? MigrationInto(StandardRelease to, StandardRelease at)
    {
        var from = _releases
            .Where(r => r.Version <= at.Version && r.Version.Major == at.Version.Major && to.Find($"migraties/van-{r.Name}.json") is not null)
            .LastOrDefault();
        return from is null ? null : MigrationBetween(from, to);
    }

    /// <summary>Migrates a message read from UTF-8 JSON (bounded by <see cref="InputLimits.Default"/>).</summary>
    public MigrationResult Migrate(ReadOnlySpan<byte> utf8Json, string to)
    {
        if (JsonInput.Check(utf8Json, InputLimits.Default) is { } problem)
        {
            return new MigrationResult(null, null, to, [], [new MigrationProblem("", problem.Text.English)]);
        }

        return JsonNode.Parse(JsonInput.SkipByteOrderMark(utf8Json)) is JsonObject message
            ? Migrate(message, to)
            : new MigrationResult(null, null, to, [], [new MigrationProblem("", "A message is a JSON object.")]);
    }

    /// <summary>Migrates <paramref name="message"/> (it is not changed) to release <paramref name="to"/>.</summary>
    /// <exception cref="ReleaseFolderException">A migration file on the way is not usable.</exception>
    public MigrationResult Migrate(JsonObject message, string to)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(to);
        var target = _releases.FirstOrDefault(r => r.Name == to);
        if (target is null)
        {
            return Fail(null, to, "", $"There is no release '{to}' to migrate to; there are: {string.Join(", ", _releases.Select(r => r.Name))}.");
        }

        var dataschema = message["dataschema"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var source = dataschema is null ? null : _releases.LastOrDefault(r => r.FindById(dataschema) is { } f && f.Path.StartsWith("schemas/", StringComparison.Ordinal));
        if (source is null)
        {
            return Fail(null, to, "/dataschema", dataschema is null
                ? "dataschema is missing: it names the release and entity of the message."
                : $"'{dataschema}' is not a schema of a release known here ({string.Join(", ", _releases.Select(r => r.Name))}).");
        }

        var entity = source.FindById(dataschema!)!.Name;
        if (target.Version < source.Version)
        {
            return Fail(source.Name, to, "/dataschema", $"The message is of release {source.Name}; migrations go forward only, not to {to}.");
        }

        var result = (JsonObject)message.DeepClone();
        var dropped = new List<DroppedMember>();
        var problems = new List<MigrationProblem>();
        var previous = source;
        foreach (var next in _releases.Where(r => r.Version > source.Version && r.Version <= target.Version))
        {
            var migration = MigrationInto(next, previous);
            if (migration is null && next.Version.Major != previous.Version.Major)
            {
                return Fail(source.Name, to, "", $"Release {next.Name} has no migration from {previous.Name} (migraties/van-{previous.Name}.json), and it starts a new major line.");
            }

            foreach (var step in migration?.Steps ?? [])
            {
                Apply(step, result, entity, dropped, problems);
            }

            previous = next;
        }

        if (problems.Count > 0)
        {
            return new MigrationResult(null, source.Name, to, dropped, problems);
        }

        var schema = target.Find($"schemas/{entity}.schema.json");
        if (schema?.Id is null)
        {
            return Fail(source.Name, to, "/dataschema", $"Release {to} has no entity '{entity}'.");
        }

        result["dataschema"] = schema.Id;
        if (result["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == $"nl.veiligheidsregio.{entity}.v{source.Version.Major}")
        {
            result["type"] = $"nl.veiligheidsregio.{entity}.v{target.Version.Major}";
        }

        problems.AddRange(Validate(target, result));
        return new MigrationResult(result, source.Name, to, dropped, problems);
    }

    private static MigrationResult Fail(string? from, string to, string location, string message) =>
        new(null, from, to, [], [new MigrationProblem(location, message)]);

    private IEnumerable<MigrationProblem> Validate(StandardRelease release, JsonObject message)
    {
        if (!_envelopes.TryGetValue(release.Version, out var envelope))
        {
            var file = release.Find("schemas/bericht.schema.json");
            if (file is not null)
            {
                var registry = new SchemaRegistry();
                foreach (var definition in release.Definitions.Where(d => d.Id is not null))
                {
                    registry.Register(definition.Root);
                }

                envelope = JsonSchema.FromElement(file.Root, new JsonSchemaOptions { AssertFormat = true, Registry = registry });
            }

            _envelopes[release.Version] = envelope;
        }

        if (envelope is null)
        {
            yield break;
        }

        using var document = JsonDocument.Parse(message.ToJsonString());
        foreach (var error in envelope.Evaluate(document.RootElement).MostSpecificErrors)
        {
            yield return new MigrationProblem(error.InstanceLocation, $"invalid under release {release.Name}: {error.Text.English}");
        }
    }

    private static void Apply(MigrationStep step, JsonObject message, string entity, List<DroppedMember> dropped, List<MigrationProblem> problems)
    {
        JsonNode? root;
        string prefix;
        if (step.Entity == "bericht")
        {
            (root, prefix) = (message, "");
        }
        else if (step.Entity == "*" || step.Entity == entity)
        {
            (root, prefix) = (message["data"], "/data");
        }
        else
        {
            return;
        }

        if (root is null)
        {
            return;
        }

        var tokens = Tokens(step.Path);
        switch (step.Operation)
        {
            case MigrationOperation.Rename:
                foreach (var (parent, indices) in Matches(root, tokens[..^1], []).ToList())
                {
                    if (parent is not JsonObject from || !from.ContainsKey(tokens[^1]))
                    {
                        continue;
                    }

                    var targetTokens = Fill(Tokens(step.Target!), indices);
                    var value = from[tokens[^1]];
                    from.Remove(tokens[^1]);
                    if (!Place(root, targetTokens, value, out var conflict))
                    {
                        from[tokens[^1]] = value;
                        problems.Add(new MigrationProblem(prefix + Pointer(targetTokens), $"{step.Location}: cannot move {prefix}{Pointer(Fill(tokens, indices))} here: {conflict}."));
                    }

                }

                break;
            case MigrationOperation.MapCodes:
                foreach (var (parent, _) in Matches(root, tokens[..^1], []).ToList())
                {
                    var last = tokens[^1];
                    foreach (var (container, member) in Members(parent, last))
                    {
                        var node = Get(container, member);
                        if (node is JsonValue value && value.TryGetValue<string>(out var code) && step.Codes!.TryGetValue(code, out var mapped))
                        {
                            Set(container, member, mapped);
                        }
                    }

                }

                break;
            case MigrationOperation.SetDefault:
                foreach (var (parent, _) in Matches(root, tokens[..^1], []).ToList())
                {
                    if (parent is JsonObject o && !o.ContainsKey(tokens[^1]))
                    {
                        o[tokens[^1]] = step.Value?.DeepClone();
                    }
                }

                break;
            case MigrationOperation.Drop:
                foreach (var (parent, indices) in Matches(root, tokens[..^1], []).ToList())
                {
                    if (parent is JsonObject o && o.ContainsKey(tokens[^1]))
                    {
                        var value = o[tokens[^1]];
                        o.Remove(tokens[^1]);
                        dropped.Add(new DroppedMember(prefix + Pointer(Fill(tokens, indices)), value, step.Reason!));
                    }
                }

                break;
        }
    }

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : [.. pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static string Pointer(IEnumerable<string> tokens) =>
        string.Concat(tokens.Select(t => "/" + StandardRelease.Escape(t)));

    // Replaces each * with the index it matched, in order.
    private static string[] Fill(string[] tokens, IReadOnlyList<int> indices)
    {
        var result = (string[])tokens.Clone();
        var next = 0;
        for (var i = 0; i < result.Length && next < indices.Count; i++)
        {
            if (result[i] == "*")
            {
                result[i] = indices[next++].ToString(CultureInfo.InvariantCulture);
            }
        }

        return result;
    }

    // The nodes a pointer with * reaches, each with the indices its * matched.
    private static IEnumerable<(JsonNode? Node, IReadOnlyList<int> Indices)> Matches(JsonNode? node, string[] tokens, IReadOnlyList<int> indices)
    {
        if (tokens.Length == 0)
        {
            yield return (node, indices);
            yield break;
        }

        if (tokens[0] == "*" && node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var match in Matches(array[i], tokens[1..], [.. indices, i]))
                {
                    yield return match;
                }
            }
        }
        else if (node is JsonObject o && o.TryGetPropertyValue(tokens[0], out var child))
        {
            foreach (var match in Matches(child, tokens[1..], indices))
            {
                yield return match;
            }
        }
    }

    private static IEnumerable<(JsonNode Container, string Member)> Members(JsonNode? parent, string last)
    {
        if (last == "*" && parent is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, i.ToString(CultureInfo.InvariantCulture));
            }
        }
        else if (parent is JsonObject o && o.ContainsKey(last))
        {
            yield return (o, last);
        }
    }

    private static JsonNode? Get(JsonNode container, string member) =>
        container is JsonArray a ? a[int.Parse(member, CultureInfo.InvariantCulture)] : container[member];

    private static void Set(JsonNode container, string member, string value)
    {
        if (container is JsonArray a)
        {
            a[int.Parse(member, CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            container[member] = value;
        }
    }

    // Puts a value at a place, making the objects on the way; false (with why) when something else is there.
    private static bool Place(JsonNode root, string[] tokens, JsonNode? value, out string conflict)
    {
        conflict = "";
        var node = root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            if (node is JsonObject o)
            {
                if (!o.TryGetPropertyValue(tokens[i], out var child) || child is null)
                {
                    o[tokens[i]] = child = new JsonObject();
                }

                node = child;
            }
            else if (node is JsonArray a && int.TryParse(tokens[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count && a[index] is { } item)
            {
                node = item;
            }
            else
            {
                conflict = $"{Pointer(tokens[..(i + 1)])} is not an object";
                return false;
            }
        }

        if (node is not JsonObject target)
        {
            conflict = "the place is not in an object";
            return false;
        }

        if (target.ContainsKey(tokens[^1]))
        {
            conflict = "a member is already there";
            return false;
        }

        target[tokens[^1]] = value;
        return true;
    }
}
