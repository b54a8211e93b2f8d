"""Contains all the data models used in inputs/outputs"""

from .alert_result import AlertResult
from .alias_target import AliasTarget
from .already_there import AlreadyThere
from .answer import Answer
from .answer_direction import AnswerDirection
from .attempt import Attempt
from .cancel_body import CancelBody
from .cause import Cause
from .check import Check
from .column import Column
from .commit_entry import CommitEntry
from .compare_request import CompareRequest
from .compare_samples_files_body import CompareSamplesFilesBody
from .comparison import Comparison
from .comparison_metrics import ComparisonMetrics
from .condition import Condition
from .control_body import ControlBody
from .cron import Cron
from .dataset import Dataset
from .dataset_tags import DatasetTags
from .dataset_version import DatasetVersion
from .dataset_version_tags import DatasetVersionTags
from .decision import Decision
from .decision_body import DecisionBody
from .decision_decision import DecisionDecision
from .delivery_result import DeliveryResult
from .deployment import Deployment
from .deployment_action import DeploymentAction
from .deployment_manifest import DeploymentManifest
from .deployment_status import DeploymentStatus
from .deployment_status_action import DeploymentStatusAction
from .deployment_status_manifest import DeploymentStatusManifest
from .deployment_status_target import DeploymentStatusTarget
from .deployment_target import DeploymentTarget
from .desired import Desired
from .desired_state import DesiredState
from .drift import Drift
from .edge import Edge
from .entry import Entry
from .environment import Environment
from .evaluation import Evaluation
from .explained import Explained
from .explanation_request import ExplanationRequest
from .explanation_request_contributions import ExplanationRequestContributions
from .explanation_request_values import ExplanationRequestValues
from .explanation_template import ExplanationTemplate
from .explanation_template_reasons import ExplanationTemplateReasons
from .explanation_template_tags import ExplanationTemplateTags
from .explanation_template_version import ExplanationTemplateVersion
from .explanation_template_version_reasons import ExplanationTemplateVersionReasons
from .explanation_template_version_tags import ExplanationTemplateVersionTags
from .feature import Feature
from .feature_set import FeatureSet
from .feature_set_tags import FeatureSetTags
from .feature_set_version import FeatureSetVersion
from .feature_set_version_tags import FeatureSetVersionTags
from .field_error import FieldError
from .get_deployment_manifest_response_200 import GetDeploymentManifestResponse200
from .get_drift_report_response_200 import GetDriftReportResponse200
from .history_entry import HistoryEntry
from .history_line import HistoryLine
from .history_line_links import HistoryLineLinks
from .impact_item import ImpactItem
from .ingest_result import IngestResult
from .issued_token import IssuedToken
from .json_node import JsonNode
from .json_node_node_type import JsonNodeNodeType
from .kubernetes_job import KubernetesJob
from .kubernetes_job_template import KubernetesJobTemplate
from .launcher import Launcher
from .link import Link
from .link_details import LinkDetails
from .list_drift_reports_response_200_item import ListDriftReportsResponse200Item
from .mark import Mark
from .metric import Metric
from .mismatch import Mismatch
from .mlflow_import_request import MlflowImportRequest
from .mlflow_imported import MlflowImported
from .mlflow_run import MlflowRun
from .model import Model
from .model_alias import ModelAlias
from .model_format import ModelFormat
from .model_tags import ModelTags
from .model_version import ModelVersion
from .model_version_metrics import ModelVersionMetrics
from .model_version_params import ModelVersionParams
from .model_version_tags import ModelVersionTags
from .new_dataset import NewDataset
from .new_model import NewModel
from .new_model_tags import NewModelTags
from .new_model_version import NewModelVersion
from .new_model_version_metrics import NewModelVersionMetrics
from .new_model_version_params import NewModelVersionParams
from .new_model_version_tags import NewModelVersionTags
from .new_policy import NewPolicy
from .new_rule import NewRule
from .node import Node
from .observed import Observed
from .observed_conditions import ObservedConditions
from .open_window import OpenWindow
from .options import Options
from .outcome import Outcome
from .page_dataset_version import PageDatasetVersion
from .page_entry import PageEntry
from .page_explanation_template_version import PageExplanationTemplateVersion
from .page_feature_set_version import PageFeatureSetVersion
from .page_model import PageModel
from .page_model_version import PageModelVersion
from .page_promotion import PagePromotion
from .page_retrain_run import PageRetrainRun
from .page_revocation import PageRevocation
from .page_threshold_set_version import PageThresholdSetVersion
from .plan_request import PlanRequest
from .policy import Policy
from .policy_decision import PolicyDecision
from .policy_decision_decision import PolicyDecisionDecision
from .policy_ref import PolicyRef
from .policy_state import PolicyState
from .prediction_contributions import PredictionContributions
from .prediction_contributions_contributions import PredictionContributionsContributions
from .prediction_contributions_values import PredictionContributionsValues
from .prediction_reasons import PredictionReasons
from .problem_detail import ProblemDetail
from .process import Process
from .process_environment import ProcessEnvironment
from .produced_by import ProducedBy
from .profile_summary import ProfileSummary
from .progress import Progress
from .promotion import Promotion
from .promotion_request import PromotionRequest
from .promotion_state import PromotionState
from .reason import Reason
from .ref import Ref
from .reference import Reference
from .reference_change import ReferenceChange
from .refusal import Refusal
from .rejection import Rejection
from .report import Report
from .retrain_plan import RetrainPlan
from .retrain_plan_concurrency import RetrainPlanConcurrency
from .retrain_run import RetrainRun
from .retrain_run_entry import RetrainRunEntry
from .retrain_run_state import RetrainRunState
from .revocation import Revocation
from .revocation_report import RevocationReport
from .revocation_request import RevocationRequest
from .revoked_input_serving import RevokedInputServing
from .rollback import Rollback
from .rollback_body import RollbackBody
from .rolled_back import RolledBack
from .rollout_view import RolloutView
from .rule import Rule
from .rule_result import RuleResult
from .rule_result_outcome import RuleResultOutcome
from .rule_result_severity import RuleResultSeverity
from .rule_severity import RuleSeverity
from .run_promotion import RunPromotion
from .run_request import RunRequest
from .run_status_report import RunStatusReport
from .segment_summary import SegmentSummary
from .serving_cost import ServingCost
from .signature import Signature
from .source import Source
from .stream_key import StreamKey
from .threshold_set import ThresholdSet
from .threshold_set_tags import ThresholdSetTags
from .threshold_set_values import ThresholdSetValues
from .threshold_set_version import ThresholdSetVersion
from .threshold_set_version_tags import ThresholdSetVersionTags
from .threshold_set_version_values import ThresholdSetVersionValues
from .time_range import TimeRange
from .token_request import TokenRequest
from .token_summary import TokenSummary
from .traffic import Traffic
from .transition import Transition
from .trigger import Trigger
from .webhook import Webhook
from .webhook_body import WebhookBody
from .webhook_headers import WebhookHeaders
from .webhook_parameters import WebhookParameters

__all__ = (
    "AlertResult",
    "AliasTarget",
    "AlreadyThere",
    "Answer",
    "AnswerDirection",
    "Attempt",
    "CancelBody",
    "Cause",
    "Check",
    "Column",
    "CommitEntry",
    "CompareRequest",
    "CompareSamplesFilesBody",
    "Comparison",
    "ComparisonMetrics",
    "Condition",
    "ControlBody",
    "Cron",
    "Dataset",
    "DatasetTags",
    "DatasetVersion",
    "DatasetVersionTags",
    "Decision",
    "DecisionBody",
    "DecisionDecision",
    "DeliveryResult",
    "Deployment",
    "DeploymentAction",
    "DeploymentManifest",
    "DeploymentStatus",
    "DeploymentStatusAction",
    "DeploymentStatusManifest",
    "DeploymentStatusTarget",
    "DeploymentTarget",
    "Desired",
    "DesiredState",
    "Drift",
    "Edge",
    "Entry",
    "Environment",
    "Evaluation",
    "Explained",
    "ExplanationRequest",
    "ExplanationRequestContributions",
    "ExplanationRequestValues",
    "ExplanationTemplate",
    "ExplanationTemplateReasons",
    "ExplanationTemplateTags",
    "ExplanationTemplateVersion",
    "ExplanationTemplateVersionReasons",
    "ExplanationTemplateVersionTags",
    "Feature",
    "FeatureSet",
    "FeatureSetTags",
    "FeatureSetVersion",
    "FeatureSetVersionTags",
    "FieldError",
    "GetDeploymentManifestResponse200",
    "GetDriftReportResponse200",
    "HistoryEntry",
    "HistoryLine",
    "HistoryLineLinks",
    "ImpactItem",
    "IngestResult",
    "IssuedToken",
    "JsonNode",
    "JsonNodeNodeType",
    "KubernetesJob",
    "KubernetesJobTemplate",
    "Launcher",
    "Link",
    "LinkDetails",
    "ListDriftReportsResponse200Item",
    "Mark",
    "Metric",
    "Mismatch",
    "MlflowImportRequest",
    "MlflowImported",
    "MlflowRun",
    "Model",
    "ModelAlias",
    "ModelFormat",
    "ModelTags",
    "ModelVersion",
    "ModelVersionMetrics",
    "ModelVersionParams",
    "ModelVersionTags",
    "NewDataset",
    "NewModel",
    "NewModelTags",
    "NewModelVersion",
    "NewModelVersionMetrics",
    "NewModelVersionParams",
    "NewModelVersionTags",
    "NewPolicy",
    "NewRule",
    "Node",
    "Observed",
    "ObservedConditions",
    "OpenWindow",
    "Options",
    "Outcome",
    "PageDatasetVersion",
    "PageEntry",
    "PageExplanationTemplateVersion",
    "PageFeatureSetVersion",
    "PageModel",
    "PageModelVersion",
    "PagePromotion",
    "PageRetrainRun",
    "PageRevocation",
    "PageThresholdSetVersion",
    "PlanRequest",
    "Policy",
    "PolicyDecision",
    "PolicyDecisionDecision",
    "PolicyRef",
    "PolicyState",
    "PredictionContributions",
    "PredictionContributionsContributions",
    "PredictionContributionsValues",
    "PredictionReasons",
    "ProblemDetail",
    "Process",
    "ProcessEnvironment",
    "ProducedBy",
    "ProfileSummary",
    "Progress",
    "Promotion",
    "PromotionRequest",
    "PromotionState",
    "Reason",
    "Ref",
    "Reference",
    "ReferenceChange",
    "Refusal",
    "Rejection",
    "Report",
    "RetrainPlan",
    "RetrainPlanConcurrency",
    "RetrainRun",
    "RetrainRunEntry",
    "RetrainRunState",
    "Revocation",
    "RevocationReport",
    "RevocationRequest",
    "RevokedInputServing",
    "Rollback",
    "RollbackBody",
    "RolledBack",
    "RolloutView",
    "Rule",
    "RuleResult",
    "RuleResultOutcome",
    "RuleResultSeverity",
    "RuleSeverity",
    "RunPromotion",
    "RunRequest",
    "RunStatusReport",
    "SegmentSummary",
    "ServingCost",
    "Signature",
    "Source",
    "StreamKey",
    "ThresholdSet",
    "ThresholdSetTags",
    "ThresholdSetValues",
    "ThresholdSetVersion",
    "ThresholdSetVersionTags",
    "ThresholdSetVersionValues",
    "TimeRange",
    "TokenRequest",
    "TokenSummary",
    "Traffic",
    "Transition",
    "Trigger",
    "Webhook",
    "WebhookBody",
    "WebhookHeaders",
    "WebhookParameters",
)
