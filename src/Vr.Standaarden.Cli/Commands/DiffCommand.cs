using System.CommandLine;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Versiebeheer;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr diff &lt;old-release-folder&gt; &lt;new-release-folder&gt; [--output text|json] [--readers tolerant|strict]
/// [--compatibility mode]</c>: every change between two releases, classified and proven.
/// </summary>
internal static class DiffCommand
{
    private const int Enough = 0, TooSmall = 1;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var old = new Argument<string>("old-release-folder") { Description = "The earlier release folder, for example spec/1.0 (or the name of a release the tool holds)." };
        var @new = new Argument<string>("new-release-folder") { Description = "The later release folder, for example spec/1.1 (or the name of a release the tool holds)." };
        var output = new Option<string>("--output", "-o") { Description = "text (for people, the default) or json (for pipelines).", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var readers = new Option<string>("--readers") { Description = "tolerant (default): a property added where others were allowed is minor; strict: set semantics, such a property is major when an old message could have used the name otherwise.", DefaultValueFactory = _ => "tolerant" };
        readers.AcceptOnlyFromAmong("tolerant", "strict");
        var compatibility = new Option<string>("--compatibility") { Description = "Also check a compatibility mode: backward, forward, full, or one of them with -transitive (against every earlier release of the major line in the new folder's parent folder).", DefaultValueFactory = _ => "none" };
        compatibility.AcceptOnlyFromAmong("none", "backward", "forward", "full", "backward-transitive", "forward-transitive", "full-transitive");

        var command = new Command("diff", "Compare two releases of the standard: every change per schema and code list, classified as patch, minor or major, with an instance that proves each major change and each widening. Exit code 0: the new release number is at least the bump the changes need (and the compatibility mode holds); 1: it is too small (or the mode is broken); 2: usage error or an unusable release folder.")
        {
            old, @new, output, readers, compatibility,
        };
        command.SetAction(parse => Run(parse.GetValue(old)!, parse.GetValue(@new)!, parse.GetValue(output)!, parse.GetValue(readers)!, parse.GetValue(compatibility)!, stdout, stderr));
        return command;
    }

    private static int Run(string oldFolder, string newFolder, string output, string readers, string compatibility, TextWriter stdout, TextWriter stderr)
    {
        StandardRelease old, @new;
        var unnumbered = new List<string>();
        try
        {
            old = Load(oldFolder, new ReleaseVersion(0, 0), unnumbered);
            @new = Load(newFolder, new ReleaseVersion(0, 1), unnumbered);
        }
        catch (ReleaseFolderException ex)
        {
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine($"vr diff: {problem}");
            }

            return Program.UsageError;
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vr diff: {ex.Message}");
            return Program.UsageError;
        }

        if (unnumbered.Count == 0 && @new.Version <= old.Version)
        {
            stderr.WriteLine($"vr diff: the new release ({@new.Name}) must come after the old one ({old.Name}).");
            return Program.UsageError;
        }

        var policy = readers == "strict" ? ReaderPolicy.Strict : ReaderPolicy.Tolerant;
        var diff = ReleaseDiff.Compare(old, @new, policy);
        stdout.Write(output == "json" ? diff.ToJson() + Environment.NewLine : diff.ToText());
        if (unnumbered.Count > 0)
        {
            // The changes are listed; whether a number suffices cannot be said without numbers.
            stderr.WriteLine($"vr diff: cannot tell the release number of {string.Join(" and ", unnumbered)}: name a folder after its release (1.1, 2.0, 1.0.1) or give its $ids the number, and the command checks it. The changes need a {ReleaseDiff.Name(diff.Bump)} release.");
            return Program.UsageError;
        }

        var exit = Enough;
        if (!diff.NumberSuffices)
        {
            var demanding = diff.Demanding.OrderByDescending(c => c.Class).First();
            stderr.WriteLine($"vr diff: release number {@new.Name} is too small: the changes need {diff.Required} ({ReleaseDiff.Name(diff.Bump)}); for example {demanding.Schema} {demanding.Location}: {demanding.Description}");
            exit = TooSmall;
        }

        var mode = compatibility switch
        {
            "backward" => CompatibilityMode.Backward,
            "forward" => CompatibilityMode.Forward,
            "full" => CompatibilityMode.Full,
            "backward-transitive" => CompatibilityMode.BackwardTransitive,
            "forward-transitive" => CompatibilityMode.ForwardTransitive,
            "full-transitive" => CompatibilityMode.FullTransitive,
            _ => CompatibilityMode.None,
        };
        if (mode != CompatibilityMode.None)
        {
            var earlier = mode is CompatibilityMode.Backward or CompatibilityMode.Forward or CompatibilityMode.Full ? [old] : Siblings(newFolder, @new).Append(old);
            var result = Compatibility.Check(@new, earlier.DistinctBy(r => r.Version), mode, policy);
            var against = string.Join(", ", result.Diffs.Select(d => d.Old.Name));
            if (result.IsCompatible)
            {
                stderr.WriteLine($"vr diff: {compatibility} compatible with {against}.");
            }
            else
            {
                foreach (var (d, change) in result.Violations)
                {
                    stderr.WriteLine($"vr diff: not {compatibility} compatible with {d.Old.Name}: {change.Schema} {change.Location}: {change.Description}");
                }

                exit = TooSmall;
            }
        }

        return exit;
    }

    // A folder on disk, or else a release the tool holds by its name. A folder without a number is read with a
    // stand-in number, and named in unnumbered.
    private static StandardRelease Load(string folder, ReleaseVersion standIn, List<string> unnumbered)
    {
        if (!Directory.Exists(folder) && Standard.TryGetRelease(folder, out var embedded))
        {
            return embedded;
        }

        try
        {
            return StandardRelease.Load(folder);
        }
        catch (ReleaseFolderException ex) when (ex.Problems.Count == 1 && ex.Problems[0].Message.StartsWith("cannot tell the release number", StringComparison.Ordinal))
        {
            unnumbered.Add(folder);
            return StandardRelease.Load(folder, standIn);
        }
    }

    // The other release folders beside the new one (for the transitive modes); those that cannot be read are skipped.
    private static IEnumerable<StandardRelease> Siblings(string newFolder, StandardRelease @new)
    {
        if (@new.Folder is null)
        {
            return Standard.Line(@new.Version.Major).Where(r => r.Version < @new.Version);
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(newFolder).TrimEnd(Path.DirectorySeparatorChar));
        if (parent is null)
        {
            return [];
        }

        var found = new List<StandardRelease>();
        foreach (var dir in Directory.GetDirectories(parent))
        {
            if (ReleaseVersion.TryParse(Path.GetFileName(dir), out var version) && version.Major == @new.Version.Major && version < @new.Version)
            {
                try
                {
                    found.Add(StandardRelease.Load(dir));
                }
                catch (ReleaseFolderException)
                {
                    // An unreadable sibling is not this command's subject.
                }
            }
        }

        return found;
    }
}
