using System.Reflection;
using System.Runtime.CompilerServices;
using PublicApiGenerator;
using Xunit;
using Xunit.Sdk;

namespace Vr.Standaarden.Testing;

/// <summary>
/// Compares the public API of an assembly, as PublicApiGenerator renders it, with a committed
/// <c>&lt;Assembly&gt;.approved.txt</c> beside the calling test file.
/// </summary>
public static class PublicApiApproval
{
    /// <summary>Set to <c>1</c> to overwrite approved files with the current API instead of failing.</summary>
    public const string AcceptVariable = "VR_ACCEPT_PUBLIC_API";

    public static void Verify(Assembly assembly, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var options = new ApiGeneratorOptions
        {
            ExcludeAttributes =
            [
                "System.Runtime.Versioning.TargetFrameworkAttribute",
                "System.Reflection.AssemblyMetadataAttribute",
                "System.Runtime.CompilerServices.InternalsVisibleToAttribute",
            ],
        };
        var actual = Normalize(assembly.GeneratePublicApi(options));
        var folder = Path.GetDirectoryName(SourcePath(callerFile))!;
        var name = assembly.GetName().Name;
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;

        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(approvedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        throw new XunitException(
            $"The public API of {name} differs from {approvedPath}.{Environment.NewLine}" +
            $"The current API was written to {receivedPath}.{Environment.NewLine}" +
            $"If the change is intended, accept it by copying the received file over the approved one " +
            $"(or run the tests once with {AcceptVariable}=1) and record the change in CHANGELOG.md.{Environment.NewLine}" +
            FirstDifference(approved ?? string.Empty, actual));
    }

    // Deterministic CI builds map the repository root to "/_/" in compiler-supplied paths.
    private static string SourcePath(string compiledPath) =>
        compiledPath.StartsWith("/_/", StringComparison.Ordinal)
            ? Path.Combine(ConformanceSuites.RepositoryRoot, compiledPath[3..])
            : compiledPath;

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string FirstDifference(string approved, string actual)
    {
        var a = approved.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < b.Length ? b[i] : "<end of file>";
            if (left != right)
            {
                return $"First difference at line {i + 1}:{Environment.NewLine}  approved: {left}{Environment.NewLine}  current:  {right}";
            }
        }

        return string.Empty;
    }
}
