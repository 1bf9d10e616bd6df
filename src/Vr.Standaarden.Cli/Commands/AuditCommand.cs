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
}
