using System.CommandLine;
using Vr.Standaarden.Cli.Commands;

namespace Vr.Standaarden.Cli;

internal static class Program
{
    /// <summary>Exit code for a usage error or a schema that cannot be built.</summary>
    internal const int UsageError = 2;

    private static int Main(string[] args) => Run(args, Console.OpenStandardInput, Console.Out, Console.Error);

    internal static int Run(string[] args, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("vr: tools for the Vr.Standaarden information standard of the Dutch safety regions.")
        {
            ValidateCommand.Create(stdin, stdout, stderr),
            DocsCommand.Create(stdout, stderr),
            ContractsCommand.Create(stdout, stderr),
            ConformanceCommand.Create(stdout, stderr),
            CoordCommand.Create(stdin, stdout, stderr),
            GenerateCommand.Create(stdout, stderr),
            DiffCommand.Create(stdout, stderr),
            MigrateCommand.Create(stdin, stdout, stderr),
            SignCommands.Sign(stdin, stdout, stderr),
            SignCommands.Verify(stdin, stdout, stderr),
            ShareCommand.Create(stdin, stdout, stderr),
            AuditCommand.Create(stdout, stderr),
            AuditCommand.Archive(stdout, stderr),
            AuditCommand.Processing(stdout, stderr),
            TransportCommands.Send(stdin, stdout, stderr),
            TransportCommands.Receive(stdout, stderr),
            ConvertCommand.Create(stdin, stdout, stderr),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"vr: {error.Message}");
            }

            stderr.WriteLine("Run 'vr --help' or 'vr <command> --help' for usage.");
            return UsageError;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
