using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Vr.Standaarden.Spec;

/// <summary>
/// The number of a release of the standard: <c>major.minor</c>, with a patch number only when it is not zero
/// (<c>1.0</c>, <c>1.1</c>, <c>1.0.1</c>, <c>2.0</c>), as the release folders under <c>spec/</c> are named.
/// </summary>
public readonly record struct ReleaseVersion : IComparable<ReleaseVersion>
{
    /// <summary>Creates a release number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A part is negative.</exception>
    public ReleaseVersion(int major, int minor, int patch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(patch);
        (Major, Minor, Patch) = (major, minor, patch);
    }

    /// <summary>The major number: a new major line may invalidate messages of the previous one.</summary>
    public int Major { get; }

    /// <summary>The minor number: additions that keep every valid message valid.</summary>
    public int Minor { get; }

    /// <summary>The patch number: texts and examples only.</summary>
    public int Patch { get; }

    /// <summary>Reads <c>1.0</c>, <c>1.1</c> or <c>1.0.1</c>.</summary>
    /// <exception cref="FormatException">The text is not a release number.</exception>
    public static ReleaseVersion Parse(string text) =>
        TryParse(text, out var version)
            ? version
            : throw new FormatException($"'{text}' is not a release number: expected <major>.<minor> or <major>.<minor>.<patch>, such as 1.1 or 1.0.1.");

    /// <summary>Reads <c>1.0</c>, <c>1.1</c> or <c>1.0.1</c>; <c>false</c> for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReleaseVersion version)
    {
        version = default;
        if (text is null)
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || parts[i].Length > 6 || (parts[i].Length > 1 && parts[i][0] == '0') || !parts[i].All(char.IsAsciiDigit))
            {
                return false;
            }

            numbers[i] = int.Parse(parts[i], CultureInfo.InvariantCulture);
        }

        version = new ReleaseVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>Whether this number is at least <paramref name="bump"/> above <paramref name="previous"/>.</summary>
    public bool Satisfies(VersionBump bump, ReleaseVersion previous) => bump switch
    {
        VersionBump.Major => Major > previous.Major,
        VersionBump.Minor => Major > previous.Major || (Major == previous.Major && Minor > previous.Minor),
        VersionBump.Patch => CompareTo(previous) > 0,
        _ => CompareTo(previous) >= 0,
    };

    /// <summary>The smallest number after <paramref name="previous"/> that makes the <paramref name="bump"/>.</summary>
    public static ReleaseVersion Next(ReleaseVersion previous, VersionBump bump) => bump switch
    {
        VersionBump.Major => new(previous.Major + 1, 0),
        VersionBump.Minor => new(previous.Major, previous.Minor + 1),
        VersionBump.Patch => new(previous.Major, previous.Minor, previous.Patch + 1),
        _ => previous,
    };

    /// <inheritdoc/>
    public int CompareTo(ReleaseVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    /// <summary>Orders release numbers.</summary>
    public static bool operator <(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) < 0;

    /// <summary>Orders release numbers.</summary>
    public static bool operator >(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) > 0;

    /// <summary>Orders release numbers.</summary>
    public static bool operator <=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Orders release numbers.</summary>
    public static bool operator >=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) >= 0;

    /// <summary><c>1.1</c>, or <c>1.0.1</c> when there is a patch number.</summary>
    public override string ToString() =>
        Patch == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}")
            : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}

/// <summary>The kind of version step a change between two releases needs, from none to major.</summary>
public enum VersionBump
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>Only texts, annotations and examples changed: every instance gets the same verdict.</summary>
    Patch,

    /// <summary>Everything valid before stays valid; some instances are valid only now.</summary>
    Minor,

    /// <summary>Some instance valid before is now invalid.</summary>
    Major,
}
