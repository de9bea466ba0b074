import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { RedirectIfSignedIn, RequireAuth, RequireStaff, SignedInOr } from './components/Guards';
import { AccountPage } from './pages/AccountPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { FrontDoorPage } from './pages/FrontDoorPage';
import { HistoryPage } from './pages/HistoryPage';
import { HomePage } from './pages/HomePage';
import { InvitationPage } from './pages/InvitationPage';
import { LoginPage } from './pages/LoginPage';
import { NewOrganisationPage } from './pages/NewOrganisationPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganisationPage } from './pages/OrganisationPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SignupPage } from './pages/SignupPage';
import { ApplicationPage } from './pages/certification/ApplicationPage';
import { CertificationPage } from './pages/certification/CertificationPage';
import { RegisterPage } from './pages/RegisterPage';
import { ReviewQueuePage } from './pages/staff/ReviewQueuePage';
import { RoundsPage } from './pages/staff/RoundsPage';
import { MembershipRequestsPage } from './pages/staff/MembershipRequestsPage';
import { AppealsPage } from './pages/staff/AppealsPage';
import { PlatformHistoryPage } from './pages/staff/PlatformHistoryPage';
import { InvoicesPage } from './pages/staff/InvoicesPage';
import { ComplaintsPage } from './pages/staff/ComplaintsPage';
import { StaffSchemesPage } from './pages/staff/StaffSchemesPage';
import { PreparationCallsPage } from './pages/preparation/PreparationCallsPage';
// Support: help and resources for anyone, and the registers administrators keep.
import { SupportAdminPage } from './pages/support/SupportAdminPage';
import { SupportPage } from './pages/support/SupportPage';
import { SchemePage } from './pages/schemes/SchemePage';
import { SchemesPage } from './pages/schemes/SchemesPage';
import { VerifyPage } from './pages/VerifyPage';
import { VerifyEmailPage } from './pages/VerifyEmailPage';
import { StaffOrganisationsPage } from './pages/staff/StaffOrganisationsPage';
import { StaffUsersPage } from './pages/staff/StaffUsersPage';
// Measure and manage: impact maps, value bank, LM3, pledges and decisions.
import { ImpactMapEditorPage } from './pages/measure/ImpactMapEditorPage';
import { ImpactMapsPage } from './pages/measure/ImpactMapsPage';
import { Lm3Page } from './pages/measure/Lm3Page';
import { PlanPage } from './pages/measure/PlanPage';
import { PledgesPage } from './pages/measure/PledgesPage';
import { SelfAssessmentPage } from './pages/measure/SelfAssessmentPage';
import { publicSurveyRoutes, surveyRoutes } from './pages/surveys/routes';
// Network: the directory of social enterprises and its broker.
import { BrokerDirectoryPage } from './pages/network/BrokerDirectoryPage';
import { BrokerEntryPage, BrokerNewEntryPage } from './pages/network/BrokerEntryPage';
import { BrokerImportPage } from './pages/network/BrokerImportPage';
import { BrokerOnly } from './pages/network/BrokerOnly';
import { DirectoryEntryPage } from './pages/network/DirectoryEntryPage';
import { DirectoryPage } from './pages/network/DirectoryPage';
import { DirectoryProfilePage } from './pages/network/DirectoryProfilePage';
// Brokerage: needs for partners, the broker's matches and the partnerships.
import { BrokerNeedPage } from './pages/brokerage/BrokerNeedPage';
import { BrokerNeedsPage } from './pages/brokerage/BrokerNeedsPage';
import { MatchPage } from './pages/brokerage/MatchPage';
import { EditNeedPage, NewNeedPage } from './pages/brokerage/NeedFormPage';
import { NeedPage } from './pages/brokerage/NeedPage';
import { OrganisationPartnershipsRedirect, PartnershipsPage } from './pages/brokerage/PartnershipsPage';
// Benchmarks: an organisation's figures among those of its peers that opted in.
import { BenchmarksHome, BenchmarksPage } from './pages/benchmarks/BenchmarksPage';
// Consultant engagements: the SVQM's allocated consultant, read by the organisation, written by the consultant.
import { ConsultantPage } from './pages/engagements/ConsultantPage';
import { EngagementPage } from './pages/engagements/EngagementPage';
import { MyEngagementsPage } from './pages/engagements/MyEngagementsPage';

export function AppRoutes() {
  return (
    <Routes>
      {publicSurveyRoutes}
      <Route element={<Layout />}>
        <Route
          path="/login"
          element={
            <RedirectIfSignedIn>
              <LoginPage />
            </RedirectIfSignedIn>
          }
        />
        <Route
          path="/signup"
          element={
            <RedirectIfSignedIn>
              <SignupPage />
            </RedirectIfSignedIn>
          }
        />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route path="/invitations/:token" element={<InvitationPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/verify" element={<VerifyPage />} />
        <Route path="/verify/:code" element={<VerifyPage />} />
        <Route path="/schemes" element={<SchemesPage />} />
        <Route path="/schemes/:id" element={<SchemePage />} />
        <Route path="/directory" element={<DirectoryPage />} />
        <Route path="/directory/:id" element={<DirectoryEntryPage />} />
        <Route path="/support" element={<SupportPage />} />
        {/* The home page for a session, the front door for a visitor. */}
        <Route
          path="/"
          element={
            <SignedInOr visitor={<FrontDoorPage />}>
              <HomePage />
            </SignedInOr>
          }
        />
        <Route element={<RequireAuth />}>
          <Route path="/organisations/new" element={<NewOrganisationPage />} />
          <Route path="/organisations/:id" element={<OrganisationPage />} />
          <Route path="/organisations/:id/history" element={<HistoryPage />} />
          <Route path="/organisations/:id/certification" element={<CertificationPage />} />
          <Route path="/applications/:id" element={<ApplicationPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          {/* Measure and manage */}
          <Route path="/organisations/:id/impact-maps" element={<ImpactMapsPage />} />
          <Route path="/organisations/:id/impact-maps/new" element={<ImpactMapEditorPage />} />
          <Route path="/organisations/:id/impact-maps/:mapId" element={<ImpactMapEditorPage />} />
          <Route path="/organisations/:id/pledges" element={<PledgesPage />} />
          <Route path="/organisations/:id/self-assessment" element={<SelfAssessmentPage />} />
          <Route path="/organisations/:id/scopes/:scopeId/plan" element={<PlanPage />} />
          <Route path="/organisations/:id/lm3" element={<Lm3Page />} />
          <Route path="/lm3" element={<Lm3Page />} />
          <Route path="/organisations/:id/directory" element={<DirectoryProfilePage />} />
          <Route path="/organisations/:id/benchmarks" element={<BenchmarksPage />} />
          <Route path="/benchmarks" element={<BenchmarksHome />} />
          {/* Consultant engagements: allocation emails link to /engagements/:id */}
          <Route path="/organisations/:id/consultant" element={<ConsultantPage />} />
          <Route path="/engagements/:id" element={<EngagementPage />} />
          <Route path="/consultant/engagements" element={<MyEngagementsPage />} />
          {/* Brokerage: emails link to /partnerships/:id and /broker/needs/:id */}
          <Route path="/partnerships" element={<PartnershipsPage />} />
          <Route path="/organisations/:id/partnerships" element={<OrganisationPartnershipsRedirect />} />
          <Route path="/partnerships/:id" element={<MatchPage />} />
          <Route path="/needs/new" element={<NewNeedPage />} />
          <Route path="/needs/:id" element={<NeedPage />} />
          <Route path="/needs/:id/edit" element={<EditNeedPage />} />
          <Route element={<BrokerOnly />}>
            <Route path="/broker/needs" element={<BrokerNeedsPage />} />
            <Route path="/broker/needs/:id" element={<BrokerNeedPage />} />
            <Route path="/broker/directory" element={<BrokerDirectoryPage />} />
            <Route path="/broker/directory/new" element={<BrokerNewEntryPage />} />
            <Route path="/broker/directory/import" element={<BrokerImportPage />} />
            <Route path="/broker/directory/:id" element={<BrokerEntryPage />} />
          </Route>
          {surveyRoutes}
          <Route element={<RequireStaff />}>
            <Route path="/staff/organisations" element={<StaffOrganisationsPage />} />
            <Route path="/staff/applications" element={<ReviewQueuePage />} />
          </Route>
          <Route element={<RequireStaff admin />}>
            <Route path="/staff/users" element={<StaffUsersPage />} />
            <Route path="/staff/rounds" element={<RoundsPage />} />
            {/* Booking emails link here: the Assurance Manager's preparation calls. */}
            <Route path="/admin/preparation-calls" element={<PreparationCallsPage />} />
            <Route path="/admin/support" element={<SupportAdminPage />} />
            <Route path="/staff/membership" element={<MembershipRequestsPage />} />
            <Route path="/staff/appeals" element={<AppealsPage />} />
            <Route path="/staff/schemes" element={<StaffSchemesPage />} />
            <Route path="/staff/history" element={<PlatformHistoryPage />} />
            <Route path="/staff/invoices" element={<InvoicesPage />} />
            <Route path="/staff/complaints" element={<ComplaintsPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
