import { Navigate, Route, Routes } from 'react-router';
import { ApiKeysPage } from './admin/ApiKeysPage';
import { ApplicationPage } from './admin/applications/ApplicationPage';
import { ApplicationsPage } from './admin/applications/ApplicationsPage';
import { AuditPage } from './admin/AuditPage';
import { BenefitsPage } from './admin/benefits/BenefitsPage';
import { ConsoleHome } from './admin/ConsoleHome';
import { ConsoleLayout } from './admin/ConsoleLayout';
import { DealPage } from './admin/deals/DealPage';
import { DealsPage } from './admin/deals/DealsPage';
import { HouseAccountsPage } from './admin/deals/HouseAccountsPage';
import { GraphPage } from './admin/graph/GraphPage';
import { CONSOLE_MODULES } from './admin/modules';
import { MailTemplatePage } from './admin/mail/MailTemplatePage';
import { MailMessagePage, MailPage } from './admin/MailPage';
import { PartnerPage } from './admin/partners/PartnerPage';
import { PartnersPage } from './admin/partners/PartnersPage';
import { OnboardingListPage } from './admin/onboarding/OnboardingListPage';
import { NewProductPage } from './admin/products/NewProductPage';
import { ProductPage } from './admin/products/ProductPage';
import { ProductsPage } from './admin/products/ProductsPage';
import { NewProgramPage } from './admin/programs/NewProgramPage';
import { ProgramPage } from './admin/programs/ProgramPage';
import { ProgramsPage } from './admin/programs/ProgramsPage';
import { ProgramTemplatesPage } from './admin/programs/templates/ProgramTemplatesPage';
import { UsersPage } from './admin/UsersPage';
import { useAuth } from './auth/AuthContext';
import { FullPageLoader, RequireUser } from './auth/RequireUser';
import { homeFor } from './auth/roles';
import { ComingSoon } from './components/ComingSoon';
import { NotFound, NotFoundPage } from './components/NotFound';
import { AgreementReaderPage } from './portal/agreements/AgreementReader';
import { AgreementsPage } from './portal/agreements/AgreementsPage';
import { CompanyPage } from './portal/CompanyPage';
import { EditDealPage, NewDealPage } from './portal/deals/DealFormPages';
import { DealPage as PortalDealPage } from './portal/deals/DealPage';
import { DealsPage as PortalDealsPage } from './portal/deals/DealsPage';
import { OnboardingPage } from './portal/onboarding/OnboardingPage';
import { PortalHome } from './portal/PortalHome';
import { PortalLayout } from './portal/PortalLayout';
import { PORTAL_MODULES } from './portal/modules';
import { PortalProductsPage } from './portal/PortalProductsPage';
import { PortalProgramsPage } from './portal/PortalProgramsPage';
import { TeamPage } from './portal/TeamPage';
import { AcceptInvitePage } from './public/AcceptInvitePage';
import { ApplyPage } from './public/ApplyPage';
import { ForgotPasswordPage } from './public/ForgotPasswordPage';
import { LoginPage } from './public/LoginPage';
import { ResetPasswordPage } from './public/ResetPasswordPage';
import { SetupPage } from './public/SetupPage';
import { VerifyAcceptancePage } from './public/VerifyAcceptancePage';

function RootRedirect() {
  const { user, isLoading } = useAuth();
  if (isLoading) return <FullPageLoader />;
  return <Navigate to={user ? homeFor(user) : '/login'} replace />;
}

export function App() {
  return (
    <Routes>
      <Route index element={<RootRedirect />} />
      <Route path="login" element={<LoginPage />} />
      <Route path="setup" element={<SetupPage />} />
      <Route path="accept-invite" element={<AcceptInvitePage />} />
      <Route path="forgot-password" element={<ForgotPasswordPage />} />
      <Route path="reset-password" element={<ResetPasswordPage />} />
      <Route path="verify/:id?" element={<VerifyAcceptancePage />} />
      <Route path="apply/:programKey" element={<ApplyPage />} />

      <Route
        path="console"
        element={
          <RequireUser kind="vendor">
            <ConsoleLayout />
          </RequireUser>
        }
      >
        <Route index element={<ConsoleHome />} />
        <Route path="products" element={<ProductsPage />} />
        <Route path="products/new" element={<NewProductPage />} />
        <Route path="products/:id" element={<ProductPage />} />
        <Route path="partners" element={<PartnersPage />} />
        <Route path="partners/:id" element={<PartnerPage />} />
        <Route path="applications" element={<ApplicationsPage />} />
        <Route path="applications/:id" element={<ApplicationPage />} />
        <Route path="programs" element={<ProgramsPage />} />
        <Route path="programs/new" element={<NewProgramPage />} />
        <Route path="programs/templates" element={<ProgramTemplatesPage />} />
        <Route path="programs/:id" element={<ProgramPage />} />
        <Route path="deals" element={<DealsPage />} />
        <Route path="deals/:id" element={<DealPage />} />
        <Route path="benefits" element={<BenefitsPage />} />
        <Route path="onboarding" element={<OnboardingListPage />} />
        <Route path="graph" element={<GraphPage />} />
        <Route path="house-accounts" element={<HouseAccountsPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="mail" element={<MailPage />} />
        <Route path="mail/templates" element={<MailPage tab="templates" />} />
        <Route path="mail/templates/:key" element={<MailTemplatePage />} />
        <Route path="mail/:id" element={<MailMessagePage />} />
        {CONSOLE_MODULES.filter((m) => m.comingSoon).map((m) => (
          <Route key={m.path} path={m.path} element={<ComingSoon title={m.label} description={m.description} />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>

      <Route
        path="portal"
        element={
          <RequireUser kind="partner">
            <PortalLayout />
          </RequireUser>
        }
      >
        <Route index element={<PortalHome />} />
        <Route path="company" element={<CompanyPage />} />
        <Route path="team" element={<TeamPage />} />
        <Route path="products" element={<PortalProductsPage />} />
        <Route path="deals" element={<PortalDealsPage />} />
        <Route path="deals/new" element={<NewDealPage />} />
        <Route path="deals/:id" element={<PortalDealPage />} />
        <Route path="deals/:id/edit" element={<EditDealPage />} />
        <Route path="programs" element={<PortalProgramsPage />} />
        <Route path="agreements" element={<AgreementsPage />} />
        <Route path="agreements/:enrollmentId" element={<AgreementReaderPage />} />
        <Route path="onboarding" element={<OnboardingPage />} />
        {PORTAL_MODULES.filter((m) => m.comingSoon).map((m) => (
          <Route key={m.path} path={m.path} element={<ComingSoon title={m.label} description={m.description} />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>

      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
