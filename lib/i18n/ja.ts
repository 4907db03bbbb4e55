import type { Messages } from './en';

export const ja: Messages = {
  meta: {
    languageName: '日本語',
    switchLanguage: '言語',
  },
  nav: {
    home: 'ホーム',
    family: 'ファミリーサイト',
  },
  home: {
    title: '{site} へようこそ',
    intro:
      '{site} は、ひとつのアカウントを共有するサイトファミリーの一員です。登録されたどのサイトで作成したパスキーでも、すべてのサイトにサインインできます。',
    rpIdLine: 'このサイトのパスキーは {rpId} に属します。',
    listedBadge: 'パスキー共有',
    unlistedBadge: '未登録',
    thisSite: 'このサイト',
    wellKnownLink: '関連オリジンの一覧を見る',
  },
  unlisted: {
    title: 'このサイトではまだパスキーを使えません',
    body:
      '{site} は {wellKnown} に記載されていないため、ブラウザはここで {rpId} のパスキーを使うことを拒否します。これはブラウザによる保護です。{rpId} が指定したサイトだけがそのパスキーを使えます。',
    fix: 'デプロイ担当者は sites.config.ts でこのサイトを listed: true にして再デプロイすると追加できます。',
  },
  notFound: {
    title: 'ページが見つかりません',
    body: '{site} のこのアドレスには何もありません。',
    back: 'ホームに戻る',
  },
  unknownHost: {
    title: '不明なサイト',
    body: 'このデプロイは {host} を提供していません。アドレスを確認するか、ホスト名を sites.config.ts に追加してください。',
  },
  local: {
    title: 'Passkey Atlas が起動しています',
    intro:
      '各サイトは localhost ではなく、ローカルエッジを通じて本物のホスト名と HTTPS で提供されます。パスキーには本物のオリジンが必要です。',
    sitesHeading: 'サイト一覧',
    launchedHint: '`npm run dev` がブラウザを開いた場合はそのウィンドウを使ってください。エッジ用に設定済みです。',
    manualHeading: 'ご自身の Chrome / Chromium で開く',
    manualBody: 'エッジをプロキシとして使い、その証明書を信頼する別のブラウザプロファイルを起動します:',
    noEdge:
      'このサーバーにはローカルエッジが接続されていません。本番環境では、Host ヘッダーを保持し X-Forwarded-Proto: https を付ける TLS プロキシ(Vercel、nginx)の背後に置きます。ローカルでは `npm run dev` を実行するか、`npm start` と並べて `npm run edge -- --upstream {port}` を実行してください。',
  },
};
