using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Versiebeheer;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr migrate --to &lt;release&gt; [--spec &lt;folder&gt;] [--output-dir &lt;folder&gt;] &lt;message.json&gt;...</c>: moves
/// messages to a later release by the migration files of the releases in between.
/// </summary>
internal static class MigrateCommand
{
    private const int Migrated = 0, NotMigrated = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var to = new Option<string>("--to") { Description = "The release to migrate to, for example 1.1.", Required = true };
        var spec = new Option<string?>("--spec") { Description = "A folder of release folders (like spec/) to use instead of the releases the tool holds." };
        var outputDir = new Option<string?>("--output-dir") { Description = "Write each migrated message to this folder under its own file name instead of to standard output." };
        var messages = new Argument<string[]>("message.json") { Description = "Messages to migrate; - reads standard input.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("migrate", "Migrate messages to a later release of the standard: the steps of the migration files of the releases in between (renames, code mappings, defaults, drops with their reason), then the new dataschema, then validation under the new release. A migrated message goes to standard output (one message: indented; more: one line each); what was dropped and what went wrong go to standard error, located. Exit code 0: all migrated and valid; 1: some could not be migrated or are invalid after; 2: usage error.")
        {
            to, spec, outputDir, messages,
        };
        command.SetAction(parse => Run(parse.GetValue(to)!, parse.GetValue(spec), parse.GetValue(outputDir), parse.GetValue(messages)!, stdin, stdout, stderr));
        return command;
    }

    private static int Run(string to, string? spec, string? outputDir, string[] files, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        Migrator migrator;
        try
        {
            migrator = spec is null ? Migrator.Embedded : new Migrator(Directory.GetDirectories(spec).Where(d => ReleaseVersion.TryParse(Path.GetFileName(d), out _)).Select(StandardRelease.Load));
        }
        catch (ReleaseFolderException ex)
        {
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine($"vr migrate: {problem}");
            }

            return Program.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vr migrate: {ex.Message}");
            return Program.UsageError;
        }

        var exit = Migrated;
        foreach (var file in files)
        {
            byte[]? bytes;
            try
            {
                bytes = ValidateCommand.ReadInstance(file, stdin, InputLimits.Default.MaxBytes, out var length);
                if (bytes is null)
                {
                    stderr.WriteLine($"{file}: {JsonInput.CheckSize(length, InputLimits.Default.MaxBytes)!.Text.English}");
                    exit = NotMigrated;
                    continue;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vr migrate: {ex.Message}");
                return Program.UsageError;
            }

            MigrationResult result;
            try
            {
                result = migrator.Migrate(bytes, to);
            }
            catch (ReleaseFolderException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    stderr.WriteLine($"vr migrate: {problem}");
                }

                return Program.UsageError;
            }

            foreach (var drop in result.Dropped)
            {
                stderr.WriteLine($"{file}: {drop.Location}: dropped {drop.Value?.ToJsonString(Compact) ?? "null"}: {drop.Reason}");
            }

            foreach (var problem in result.Problems)
            {
                stderr.WriteLine($"{file}: {problem}");
            }

            if (!result.Succeeded)
            {
                exit = NotMigrated;
            }

            if (result.Message is null)
            {
                continue;
            }

            if (outputDir is not null)
            {
                Directory.CreateDirectory(outputDir);
                var name = file == "-" ? "stdin.json" : Path.GetFileName(file);
                File.WriteAllText(Path.Combine(outputDir, name), result.Message.ToJsonString(Indented) + "\n", new UTF8Encoding(false));
            }
            else
            {
                stdout.WriteLine(result.Message.ToJsonString(files.Length == 1 ? Indented : Compact));
            }
        }

        return exit;
    }
}
