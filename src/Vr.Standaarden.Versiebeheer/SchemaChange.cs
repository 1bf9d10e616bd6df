using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer;

/// <summary>Under which release's schema a witness is valid (and under the other's it is not).</summary>
public enum WitnessSide
{
    /// <summary>Valid under the old release, invalid under the new: the change takes validity away (major).</summary>
    Old,

    /// <summary>Valid under the new release, invalid under the old: the change widens (minor).</summary>
    New,
}

/// <summary>How readers of the standard treat a property they did not expect.</summary>
public enum ReaderPolicy
{
    /// <summary>
    /// Readers ignore what the schema of their release does not name (the default, as the standard's versioning rules
    /// assume): a property added where others were allowed is a minor change, although a message that used the name for
    /// another value is invalid under the new release.
    /// </summary>
    Tolerant,

    /// <summary>Set semantics: any instance valid before and invalid now makes the change major.</summary>
    Strict,
}

/// <summary>One change between two releases of one schema, with its class and, where there is one, the instance that proves it.</summary>
public sealed record SchemaChange
{
    /// <summary>Patch (no instance changes validity), minor (only widens) or major (some valid instance becomes invalid).</summary>
    public required VersionBump Class { get; init; }

    /// <summary>
    /// The schema the change is in, by URI: its <c>$id</c> (the new release's, or the old one's when it was removed), or
    /// <c>&lt;$id&gt;#/$defs/&lt;name&gt;</c> for a change inside a shared definition. The witness is an instance of it.
    /// </summary>
    public required string Schema { get; init; }

    /// <summary>Where the change is, as a JSON Pointer in <see cref="Schema"/>.</summary>
    public required string Location { get; init; }

    /// <summary>What changed and what it means for instances.</summary>
    public required string Description { get; init; }

    /// <summary>The kind of change, by its identifier in the rule table (A1 annotation, E2 enum value removed, O6 property made required, …).</summary>
    public required string Kind { get; init; }

    /// <summary>Whether there is a witness (a witness may itself be JSON <c>null</c>).</summary>
    public bool HasWitness { get; init; }

    /// <summary>An instance of <see cref="Schema"/> valid under one release and invalid under the other, checked by the engine.</summary>
    public JsonNode? Witness { get; init; }

    /// <summary>The release the witness is valid under, when there is a witness.</summary>
    public WitnessSide? WitnessValidUnder { get; init; }
}
