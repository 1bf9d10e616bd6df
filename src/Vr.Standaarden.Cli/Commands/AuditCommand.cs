using System.CommandLine;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Cli.Commands;

/// <summary><c>vr audit verify &lt;audit.jsonl&gt;... [--last &lt;hash&gt;]</c>: checks the chain of audit files.</summary>
internal static class AuditCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("audit-file") { Description = "Audit files written by AuditLog.", Arity = ArgumentArity.OneOrMore };
        var last = new Option<string?>("--last") { Description = "The last hash kept elsewhere: lines cut off the end are found against it." };
        var verify = new Command("verify", "Check that no record of an audit file was removed, inserted or altered. Prints '<path>: intact <records> records, last <hash>' or '<path>: broken <where and how>'. Exit code 0: intact; 1: broken; 2: usage error.")
        {
            files, last,
        };
        verify.SetAction(parse =>
        {
            var exit = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                if (!File.Exists(file))
                {
                    stderr.WriteLine($"vr audit verify: {file} does not exist.");
                    return Program.UsageError;
                }

                var result = AuditLog.Verify(file);
                var expected = parse.GetValue(last);
                if (result.IsIntact && expected is not null && !string.Equals(expected, result.LastHash, StringComparison.OrdinalIgnoreCase))
                {
                    result = result with { IsIntact = false, Problem = $"the last record's hash is {result.LastHash}, not {expected}: records were cut off the end or added." };
                }

                stdout.WriteLine(result.IsIntact ? $"{file}: intact {result.Records} records, last {result.LastHash}" : $"{file}: broken {result.Problem}");
                exit = result.IsIntact ? exit : 1;
            }

            return exit;
        });
        return new Command("audit", "Audit files of the exchange layer.") { verify };
    }

    /// <summary>
    /// <c>vr verwerkingen --data &lt;folder&gt; [--van &lt;time&gt;] [--tot &lt;time&gt;] [--verify]</c>: exports a node's
    /// processing log (one audit line per read of personal data), or checks its chain.
    /// </summary>
    public static Command Processing(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string>("--data") { Description = "The node's data folder (its berichten.db).", Required = true };
        var from = new Option<string?>("--van") { Description = "Only records from this moment (RFC 3339)." };
        var until = new Option<string?>("--tot") { Description = "Only records up to this moment (RFC 3339)." };
        var verify = new Option<bool>("--verify") { Description = "Check the hash chain of the whole log instead: prints 'intact <records> records, last <hash>' or 'broken <where and how>'." };
        var command = new Command("verwerkingen", "Export a knooppunt's processing log (Logboek dataverwerkingen): one JSON line per read that returned personal data (who, organisation, which data, purpose, when, grant), in the audit-file format. Exit code 0: written, or intact with --verify; 1: the chain is broken; 2: usage error.")
        {
            data, from, until, verify,
        };
        command.SetAction(parse =>
        {
            var file = Path.Combine(parse.GetValue(data)!, "berichten.db");
            if (!File.Exists(file))
            {
                stderr.WriteLine($"vr verwerkingen: {file} does not exist.");
                return Program.UsageError;
            }

            DateTimeOffset? Moment(string? text, string name)
            {
                if (text is null)
                {
                    return null;
                }

                return Rfc3339.TryParse(text, out var value)
                    ? value
                    : throw new FormatException($"{name} '{text}' is not an RFC 3339 date-time with an offset (such as 2026-12-01T00:00:00Z).");
            }

            DateTimeOffset? start, end;
            try
            {
                (start, end) = (Moment(parse.GetValue(from), "--van"), Moment(parse.GetValue(until), "--tot"));
            }
            catch (FormatException e)
            {
                stderr.WriteLine($"vr verwerkingen: {e.Message}");
                return Program.UsageError;
            }

            using var log = new Knooppunt.MessageLog(file);
            if (parse.GetValue(verify))
            {
                var result = log.VerifyProcessing();
                stdout.WriteLine(result.IsIntact ? $"intact {result.Records} records, last {result.LastHash}" : $"broken {result.Problem}");
                return result.IsIntact ? 0 : 1;
            }

            foreach (var line in log.Processing(start, end))
            {
                stdout.WriteLine(line);
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>vr archive verify &lt;package-folder&gt;...</c>: checks archive packages are complete and untampered.</summary>
    public static Command Archive(TextWriter stdout, TextWriter stderr)
    {
        var folders = new Argument<string[]>("package-folder") { Description = "Archive packages written by MessageStore.Purge.", Arity = ArgumentArity.OneOrMore };
        var verify = new Command("verify", "Check that an archive package is complete and untampered: every message file of the manifest there with its SHA-256, its certificate chain, the count and total hash, and no file the manifest does not name. Prints '<folder>: intact <n> messages' or one line per problem. Exit code 0: intact; 1: not; 2: usage error.")
        {
            folders,
        };
        verify.SetAction(parse =>
        {
            var exit = 0;
            foreach (var folder in parse.GetValue(folders)!)
            {
                if (!Directory.Exists(folder))
                {
                    stderr.WriteLine($"vr archive verify: {folder} does not exist.");
                    return Program.UsageError;
                }

                var result = ArchivePackage.Verify(folder);
                if (result.IsIntact)
                {
                    stdout.WriteLine($"{folder}: intact {result.Messages} messages");
                    continue;
                }

                foreach (var problem in result.Problems)
                {
                    stdout.WriteLine($"{folder}: {problem}");
                }

                exit = 1;
            }

            return exit;
        });
        return new Command("archive", "Archive packages of the exchange layer.") { verify };
    }
}
