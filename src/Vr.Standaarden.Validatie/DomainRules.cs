using Vr.Standaarden.Validatie.Internal;
using Vr.Standaarden.Validatie.Rules;

namespace Vr.Standaarden.Validatie;

/// <summary>The catalogue of domain rules. Codes are stable: a code keeps its meaning and is never reused.</summary>
public static class DomainRules
{
    /// <summary>The code of a schema error (the keyword that failed is in <see cref="Finding.Keyword"/>).</summary>
    public const string SchemaCode = "VR-SCHEMA-001";

    /// <summary>The code of a message that is not JSON at all (the finding says where it breaks: byte offset, line and column).</summary>
    public const string JsonCode = "VR-JSON-001";

    /// <summary>The code of a message that is not UTF-8: UTF-16 or UTF-32, a NUL byte, or a byte sequence of another encoding (the finding says where).</summary>
    public const string EncodingCode = "VR-JSON-002";

    /// <summary>The code of a message larger or nested deeper than <see cref="ValidationOptions.Limits"/> allows; it is refused unread.</summary>
    public const string LimitCode = "VR-JSON-003";

    /// <summary>
    /// The code of a message with an object that holds a member name twice (<c>{"niveau": "GRIP1", "niveau": "GRIP4"}</c>):
    /// readers differ on which value counts, so the message is refused unread; the finding is at the second member.
    /// </summary>
    public const string DuplicateMemberCode = "VR-JSON-004";

    /// <summary>The code of a message whose release or type this package cannot tell or does not know.</summary>
    public const string ReleaseCode = "VR-BER-002";

    internal static IReadOnlyList<DomainRule> Instances { get; } = Indexed(
    [
        new ExpiryAfterTime(),
        new SubjectResolves(),
        new CausationIsAnotherMessage(),
        new OinsWellFormed(),
        new MunicipalitiesKnown(),
        new AddressMatchesBag(),
        new PositionsInTheNetherlands(),
        new PositionsAtSea(),
        new PositionsAbroad(),
        new TimeOrder(),
        new GripLevelIsLastDeclared(),
        new GripHistoryInOrder(),
        new CodesValidOnDate(),
        new DeprecatedCodes(),
        new UnverifiedCodes(),
        new PurposesKnown(),
        new PriorityMatchesDiscipline(),
        new TerugmeldingNamesWhatItDoubts(),
        new AiNamesItsModelVersion(),
    ]);

    /// <summary>The rules that look at the values of the fields the schemas mark, by the kind of field, in order.</summary>
    internal static IReadOnlyList<(string Kind, FieldRule[] Rules)> FieldRules { get; } =
        [.. Instances.OfType<FieldRule>().GroupBy(r => r.Kind, StringComparer.Ordinal).Select(g => (g.Key, g.ToArray()))];

    /// <summary>The rules that look at the data's objects one at a time, in order.</summary>
    internal static IReadOnlyList<ObjectRule> ObjectRules { get; } = [.. Instances.OfType<ObjectRule>()];

    /// <summary>The rules that look at the data's positions one at a time, in order.</summary>
    internal static IReadOnlyList<PositionRule> PositionRules { get; } = [.. Instances.OfType<PositionRule>()];

    // Each rule knows its place, which orders the findings.
    private static DomainRule[] Indexed(DomainRule[] rules)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i].Index = i;
        }

        return rules;
    }

    /// <summary>Every domain rule, in the order they run.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } = [.. Instances.Select(r => r.Info)];
}
