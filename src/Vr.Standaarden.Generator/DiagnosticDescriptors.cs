using Microsoft.CodeAnalysis;
using Vr.Standaarden.Generator.Engine;

namespace Vr.Standaarden.Generator;

/// <summary>The generator's diagnostics as Roslyn reports them, made from <see cref="Diagnostics"/>.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Vr.Standaarden.Generator";

    public static readonly DiagnosticDescriptor UnsupportedKeyword = new(
        Diagnostics.UnsupportedKeyword.Id, Diagnostics.UnsupportedKeyword.Title, "{0}", Category,
        Diagnostics.UnsupportedKeyword.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnresolvedReference = new(
        Diagnostics.UnresolvedReference.Id, Diagnostics.UnresolvedReference.Title, "{0}", Category,
        Diagnostics.UnresolvedReference.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidJson = new(
        Diagnostics.InvalidJson.Id, Diagnostics.InvalidJson.Title, "{0}", Category,
        Diagnostics.InvalidJson.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoSchema = new(
        Diagnostics.NoSchema.Id, Diagnostics.NoSchema.Title, "{0}", Category,
        Diagnostics.NoSchema.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SameTitle = new(
        Diagnostics.SameTitle.Id, Diagnostics.SameTitle.Title, "{0}", Category,
        Diagnostics.SameTitle.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingModel = new(
        Diagnostics.MissingModel.Id, Diagnostics.MissingModel.Title, "{0}", Category,
        Diagnostics.MissingModel.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidSchema = new(
        Diagnostics.InvalidSchema.Id, Diagnostics.InvalidSchema.Title, "{0}", Category,
        Diagnostics.InvalidSchema.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MisspeltKeyword = new(
        Diagnostics.MisspeltKeyword.Id, Diagnostics.MisspeltKeyword.Title, "{0}", Category,
        Diagnostics.MisspeltKeyword.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>Every descriptor, for reporting by id.</summary>
    public static readonly DiagnosticDescriptor[] All = [UnsupportedKeyword, UnresolvedReference, InvalidJson, NoSchema, SameTitle, MissingModel, InvalidSchema, MisspeltKeyword];
}
