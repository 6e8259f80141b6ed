using Tuopin.Domain.Common;

namespace Tuopin.Domain.Projects;

/// <summary>
/// A file filed with a project (项目档案): the approval's scanned decision, the notice's photo, the contract, the acceptance
/// report, a voucher. It belongs to the project and, when it is a step's paper, to that step (null: the project's own file).
/// The content lives in the attachment store under its SHA-256; the record keeps the name, size, hash, who and when.
/// </summary>
public sealed class ProjectDocument : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>The step whose paper this is, or null for the project's own file.</summary>
    public ProjectStep? Step { get; set; }

    public ProjectDocumentKind Kind { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}

public enum ProjectDocumentKind
{
    Decision = 1, NoticePhoto = 2, Contract = 3, Progress = 4, Acceptance = 5, Voucher = 6, Other = 9,
}

public static class ProjectDocumentKinds
{
    public static readonly CodeList<ProjectDocumentKind> Codes = new("材料类型", "Kind of document",
        new(ProjectDocumentKind.Decision, "1", "批复文件", "Decision"),
        new(ProjectDocumentKind.NoticePhoto, "2", "公示照片", "Notice photo"),
        new(ProjectDocumentKind.Contract, "3", "合同", "Contract"),
        new(ProjectDocumentKind.Progress, "4", "进度照片", "Progress photo"),
        new(ProjectDocumentKind.Acceptance, "5", "验收报告", "Acceptance report"),
        new(ProjectDocumentKind.Voucher, "6", "报账凭证", "Voucher"),
        new(ProjectDocumentKind.Other, "9", "其他", "Other"));
}
