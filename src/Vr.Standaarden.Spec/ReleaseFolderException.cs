namespace Vr.Standaarden.Spec;

/// <summary>A release folder that cannot be used: each problem names the file and the JSON Pointer in it.</summary>
public sealed class ReleaseFolderException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/> (at least one).</summary>
    public ReleaseFolderException(IReadOnlyList<ReleaseFolderProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>What is wrong, each with its file and pointer.</summary>
    public IReadOnlyList<ReleaseFolderProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ReleaseFolderProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1 ? problems[0].ToString() : $"{problems.Count} problems:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
    }
}

/// <summary>One problem in a release folder.</summary>
/// <param name="File">The file, as given (a path on disk or the path in the release).</param>
/// <param name="Location">Where in the file, as a JSON Pointer (<c>""</c> for the whole document).</param>
/// <param name="Message">What is wrong and what would be right.</param>
public sealed record ReleaseFolderProblem(string File, string Location, string Message)
{
    /// <summary><c>&lt;file&gt;: &lt;pointer&gt;: &lt;message&gt;</c>.</summary>
    public override string ToString() => $"{File}: {(Location.Length == 0 ? "(document)" : Location)}: {Message}";
}
