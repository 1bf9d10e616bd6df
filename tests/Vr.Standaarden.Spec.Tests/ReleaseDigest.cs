using System.Security.Cryptography;
using System.Text;

namespace Vr.Standaarden.Spec.Tests;

/// <summary>
/// The digest of a release folder: SHA-256 over each file's path and SHA-256, in path order, for every file except the
/// generated <c>docs/</c>. One changed byte, one file more or less, changes it.
/// </summary>
internal static class ReleaseDigest
{
    public static string Of(string folder)
    {
        var lines = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                     .Where(f => !f.StartsWith("docs/", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            lines.Append(file).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))))).Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }
}
