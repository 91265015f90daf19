"""Every feature's models, imported together so the metadata (and Alembic) sees all tables."""

from evalapp.advisory.models import (
    AdvisoryAssignment,
    AdvisoryReport,
    LabTestRequest,
    SiteVisit,
    SiteVisitPhoto,
    SupplementRequest,
)
from evalapp.api.models import ApiToken
from evalapp.auth.models import RoleGrant, User
from evalapp.certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateRevocation,
    PrintJob,
)
from evalapp.common.audit import AuditEntry
from evalapp.common.files import StoredFile
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Council,
    CouncilMember,
    CouncilSession,
    MeetingRequest,
)
from evalapp.dossiers.models import (
    CommunePreReview,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierNumberCounter,
    DossierRegistration,
    ItemReview,
    ReceiptCounter,
    SelfAssessmentClaim,
)
from evalapp.inspections.models import (
    InspectionEvidence,
    InspectionPlan,
    InspectionRecord,
    InspectionTarget,
)
from evalapp.notices.models import ResultNotice
from evalapp.notifications.models import Notification
from evalapp.producers.models import (
    Organisation,
    Product,
    ProductPhoto,
    RegistrationCertificate,
    TaxCodeDispute,
)
from evalapp.proposals.models import FiveStarProposal
from evalapp.reports.models import BuiltDocument
from evalapp.results.models import FinalResult, Forwarding, ResultDecision, ResultReopening
from evalapp.rounds.models import EvaluationRound
from evalapp.samples.models import Sample, SampleMove, SampleReceipt
from evalapp.scoring.models import AdvisoryNote, RescoringRound, ScoreSheet
from evalapp.sheets.models import SheetVersion
from evalapp.units.models import AdministrativeUnit, Office

__all__ = [
    "AdministrativeUnit",
    "AdvisoryAssignment",
    "AdvisoryNote",
    "AdvisoryReport",
    "AgendaItem",
    "ApiToken",
    "Attendance",
    "AuditEntry",
    "BuiltDocument",
    "Certificate",
    "CertificateCounter",
    "CertificateRevocation",
    "CommunePreReview",
    "ConflictDeclaration",
    "Council",
    "CouncilMember",
    "CouncilSession",
    "Dossier",
    "DossierDocument",
    "DossierEvent",
    "DossierNumberCounter",
    "DossierRegistration",
    "EvaluationRound",
    "FinalResult",
    "FiveStarProposal",
    "Forwarding",
    "InspectionEvidence",
    "InspectionPlan",
    "InspectionRecord",
    "InspectionTarget",
    "ItemReview",
    "LabTestRequest",
    "MeetingRequest",
    "Notification",
    "Office",
    "Organisation",
    "PrintJob",
    "Product",
    "ProductPhoto",
    "ReceiptCounter",
    "RegistrationCertificate",
    "RescoringRound",
    "ResultDecision",
    "ResultNotice",
    "ResultReopening",
    "RoleGrant",
    "Sample",
    "SampleMove",
    "SampleReceipt",
    "ScoreSheet",
    "SelfAssessmentClaim",
    "SheetVersion",
    "SiteVisit",
    "SiteVisitPhoto",
    "StoredFile",
    "SupplementRequest",
    "TaxCodeDispute",
    "User",
]
