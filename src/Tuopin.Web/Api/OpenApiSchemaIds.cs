using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Tuopin.Web.Api;

/// <summary>
/// The OpenAPI document's schema names. The use cases nest their records (GetAssistanceCoverage.Result,
/// ListCadres.Result, RecordMeasure.Saved…); named by the type alone, every Result would share one schema and
/// the document would describe the wrong answer. A nested type is named with the types around it, a generic
/// one with its arguments: GetAssistanceCoverageResult, PageOfListAssistanceFindingsRow. Other types keep the default name.
/// </summary>
public static class OpenApiSchemaIds
{
    public static string? Of(JsonTypeInfo info)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        return id is not null && HasNested(info.Type) ? Name(info.Type) : id;
    }

    private static bool HasNested(Type type) => type.IsNested || (type.IsGenericType && type.GetGenericArguments().Any(HasNested));

    private static string Name(Type type)
    {
        var name = type.Name;
        if (type.IsGenericType)
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(Name));
        return type.IsNested && !type.IsGenericParameter ? Name(type.DeclaringType!) + name : name;
    }
}
